@screens @wave-1 @normal @requires_module:purchase_stock
Feature: Lines of any list on a form, on any tab, with the generic phrases
  A list of lines is found by the column titles it shows, on whichever tab it
  is: here a product's vendors, on its Purchase tab. The lines are checked as
  Odoo holds them once saved.

  Background:
    Given the following vendors exist:
      | Name         |
      | Rowan Mills  |
      | Rowan Forest |
    And the following products exist:
      | Name        | Type  | Sales price | Cost  |
      | Rowan Stool | Goods | 30.00       | 11.00 |

  Scenario: A product manager lists a product's vendors and changes a price
    Given I am logged in as a "Product manager"
    When I open "Inventory / Products / Products"
    And I search for "Rowan Stool"
    And I open the record "Rowan Stool"
    And I add the lines:
      | Vendor       | Price |
      | Rowan Mills  | 10.50 |
      | Rowan Forest | 11.25 |
    And I save
    Then the lines show:
      | Vendor       | Price |
      | Rowan Mills  | 10.50 |
      | Rowan Forest | 11.25 |
    When I set the "Price" of the line "Rowan Forest" to "9.75"
    And I save
    Then the line "Rowan Forest" shows:
      | Vendor       | Price |
      | Rowan Forest | 9.75  |
