@procure_to_stock @wave-1 @normal @requires_module:stock
Feature: A receipt made by hand in Inventory
  Goods arrive without a purchase order: the warehouse operator writes the
  receipt's lines in the Operations tab, validates it, and the goods are on
  hand.

  Background:
    Given the following vendors exist:
      | Name         |
      | Hazel Timber |
    And the following products exist:
      | Name        | Type  | Cost |
      | Hazel Beam  | Goods | 9.00 |
      | Hazel Board | Goods | 3.00 |

  @req:P2S-020
  Scenario: A warehouse operator receives goods without a purchase order
    Given I am logged in as a "Warehouse operator"
    When I open "Inventory / Operations / Transfers / Receipts"
    And I click "New"
    And I set "Receive From" to "Hazel Timber"
    And I add the lines:
      | Product     | Demand |
      | Hazel Beam  | 6      |
      | Hazel Board | 15     |
    And I save
    And I click "Mark as Todo"
    And I set the "Quantity" of the line "Hazel Board" to "14"
    And I save
    Then the lines show:
      | Product     | Demand | Quantity |
      | Hazel Beam  | 6      | 6        |
      | Hazel Board | 15     | 14       |
    When I click "Validate"
    And I click "No Backorder"
    Then the status is "Done"
    And "Hazel Beam" has 6 units on hand in "WH/Stock"
    And "Hazel Board" has 14 units on hand in "WH/Stock"
