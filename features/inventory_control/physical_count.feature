@inventory_control @wave-1 @normal
Feature: Count the stock in the physical inventory
  The warehouse counts what is on the shelf, types the count on the product's
  row of the physical inventory and applies it: the count becomes the quantity
  on hand.

  Background:
    Given the following products exist:
      | Name        | Type  |
      | Birch Crate | Goods |
    And "Birch Crate" has 10 units on hand in "WH/Stock"

  @critical @req:INV-001
  Scenario: A counted quantity applied becomes the quantity on hand
    Given I am logged in as an "Inventory manager"
    When I open "Inventory / Operations / Adjustments / Physical Inventory"
    And I search for "Birch Crate"
    Then the list shows 1 record
    When I set "Counted Quantity" to "7" on the row "Birch Crate"
    And I click "Apply" on the row "Birch Crate"
    Then "Birch Crate" has 7 units on hand in "WH/Stock"

  @req:INV-002
  Scenario: Rows selected show the buttons for a selection
    Given I am logged in as an "Inventory manager"
    When I open "Inventory / Operations / Adjustments / Physical Inventory"
    And I search for "Birch Crate"
    Then the list shows 1 record
    When I set "Counted Quantity" to "12" on the row "Birch Crate"
    And I select the rows showing "Birch Crate"
    And I click "Apply"
    And I click "Update Quantities"
    Then "Birch Crate" has 12 units on hand in "WH/Stock"

  @req:INV-003
  Scenario: A product found empty is counted at zero from the Actions menu
    Given I am logged in as an "Inventory manager"
    When I open "Inventory / Operations / Adjustments / Physical Inventory"
    And I search for "Birch Crate"
    Then the list shows 1 record
    When I select all the rows
    And I choose "Set to 0" in the Actions menu
    And I click "Apply" on the row "Birch Crate"
    Then "Birch Crate" has 0 units on hand in "WH/Stock"
