@inventory_control @wave-1 @normal
Feature: A cycle count applied with a reason
  The warehouse counts one shelf at a time. The count is typed in the physical
  inventory and applied with a reason, which becomes the reference of the stock
  move: the stock history says why the quantity changed.

  Background:
    Given the following products exist:
      | Name         | Type  |
      | Hazel Basket | Goods |
    And "Hazel Basket" has 10 units on hand in "WH/Stock"

  @req:ORD-030
  Scenario: A shortage found by a cycle count is applied with its reason
    Given I am logged in as an "Inventory manager"
    When I count 8 units of "Hazel Basket" in "WH/Stock" and apply the count with the reason "Cycle count aisle 4"
    Then "Hazel Basket" was counted at 8 units in "WH/Stock" with the reason "Cycle count aisle 4"

  @req:ORD-031
  Scenario: The same count with the generic phrases of the physical inventory
    Given I am logged in as an "Inventory manager"
    When I open "Inventory / Operations / Adjustments / Physical Inventory"
    And I search for "Hazel Basket"
    Then the list shows 1 record
    When I set "Counted Quantity" to "11" on the row "Hazel Basket"
    And I select the rows showing "Hazel Basket"
    And I click "Apply"
    And I set "Inventory Reason" to "Found behind the rack"
    And I click "Update Quantities"
    Then "Hazel Basket" was counted at 11 units in "WH/Stock" with the reason "Found behind the rack"
