@screens @wave-1 @normal @requires_module:purchase_stock @requires_module:sale_management
Feature: Stars, toggles, date and time pickers, amounts, radio buttons and tags, with the generic phrases
  Each kind of field is set and read by its label, as a person types or clicks it.

  Background:
    Given the following vendors exist:
      | Name        |
      | Ash Imports |
    And the following "Product Tag" records exist:
      | Name     |
      | Seasonal |
      | Bulky    |
    And the following products exist:
      | Name      | Type  | Sales price | Cost  |
      | Ash Plank | Goods | 20.00       | 8.00  |

  Scenario: A buyer marks a request for quotation urgent and dates it
    Given I am logged in as a "Buyer"
    When I open "Purchase / Orders / Requests for Quotation"
    And I click "New"
    And I set "Vendor" to "Ash Imports"
    And I set "Order Deadline" to "2030-03-14 10:30"
    And I add the lines:
      | Product   | Quantity | Unit Price |
      | Ash Plank | 3        | 8.25       |
    And I set "Expected Arrival" to "today + 12 days"
    And I save
    And I set "Priority" to "Urgent"
    And I save
    Then the "Priority" is "Urgent"
    And the "Order Deadline" is "2030-03-14 10:30"
    And the "Expected Arrival" is "today + 12 days"
    And the "Total" is "28.46"
    When I set "Priority" to "Normal"
    And I save
    Then the "Priority" is "Normal"

  Scenario: A product manager sets a product's star, tags, prices, routes and a field on another tab
    Given the following "Inventory Routes" records exist:
      | Route          | Applicable on Product |
      | Ash Cross-Dock | yes                   |
    And I am logged in as a "Product manager"
    When I open "Inventory / Products / Products"
    And I search for "Ash Plank"
    Then the list shows 1 record
    When I open the record "Ash Plank"
    And I set "Favorite" to "yes"
    And I set "Tags" to "Seasonal, Bulky"
    And I set "Sales Price" to "1,250.50"
    And I set "Track Inventory" to "yes"
    And I set "Invoicing Policy" to "Delivered quantities"
    And I set "Weight" to "2.5"
    And I set "Routes" to "Ash Cross-Dock"
    And I save
    Then the "Favorite" is "yes"
    And the "Tags" is "Seasonal, Bulky"
    And the "Sales Price" is "$ 1,250.50"
    And the "Track Inventory" is "yes"
    And the "Invoicing Policy" is "Delivered quantities"
    And the "Weight" is "2.50"
    And the "Routes" is "Ash Cross-Dock"
