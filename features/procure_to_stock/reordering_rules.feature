@procure_to_stock @wave-1 @normal @requires_module:stock
Feature: Reordering rules, written as the screens name them
  An inventory manager keeps minimum and maximum quantities per product. The
  scenario seeds the rules by the screen's title ("Reordering Rules") and the
  columns the list shows (Min, Max), or by the fields' labels, then checks them
  on the Replenishment screen.

  Background:
    Given the following products exist:
      | Name        | Type  | Cost |
      | Birch Crate | Goods | 8.00 |
      | Birch Board | Goods | 3.00 |

  @req:P2S-022
  Scenario: A rule written with the list's columns shows on the Replenishment screen
    Given the following "Reordering Rules" records exist:
      | Product     | Location | Min | Max |
      | Birch Crate | WH/Stock | 5   | 20  |
    And I am logged in as an "Inventory manager"
    When I open "Inventory / Operations / Procurement / Replenishment"
    And I search for "Birch Crate"
    Then the list shows 1 record

  @req:P2S-022
  Scenario: Rules written with the fields' labels, the model named in the singular
    Given the following "reordering rule" records exist:
      | Product     | Location | Min Quantity | Max Quantity |
      | Birch Crate | WH/Stock | 5            | 20           |
      | Birch Board | WH/Stock | 10           | 40           |
    And I am logged in as an "Inventory manager"
    When I open "Inventory / Operations / Procurement / Replenishment"
    And I search for "Birch Board"
    Then the list shows 1 record
