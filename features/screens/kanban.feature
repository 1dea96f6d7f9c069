@screens @wave-1 @normal @requires_module:sale_management
Feature: Kanban views, with the generic phrases
  Products open in a kanban view: the search, the count and opening a record
  work on its cards as they do on a list's rows.

  Background:
    Given the following "Product Category" records exist:
      | Name            |
      | Maple Furniture |
    And the following products exist:
      | Name        | Type    | Category        | Sales price |
      | Maple Stool | Goods   | Maple Furniture | 45.00       |
      | Maple Table | Goods   | Maple Furniture | 120.00      |
      | Maple Care  | Service |                 | 15.00       |

  Scenario: A salesperson finds a product card and opens it by its title
    Given I am logged in as a "Sales coordinator"
    When I open "Sales / Products / Products"
    And I search "Product Category" for "Maple Furniture"
    Then the list shows 2 records
    When I open the record "Maple Stool"
    Then the "Product Name" is "Maple Stool"
    And the "Product Type" is "Goods"
    And the "Sales Price" is "45.00"
    And the "Category" is "Maple Furniture"

  Scenario: A search narrows the cards to one
    Given I am logged in as a "Sales coordinator"
    When I open "Sales / Products / Products"
    And I search for "Maple Care"
    Then the list shows 1 record
    When I open the record "Maple Care"
    Then the "Product Type" is "Service"
    And the "Sales Price" is "$ 15.00"
