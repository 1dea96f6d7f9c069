@screens @wave-1 @normal @requires_module:sale_management
Feature: Searching lists and kanbans: filters, groupings, favourites and the side panel
  A super user narrows a list the way a person does: filters and groupings of the
  search menu, a saved favourite, a value of the panel on the left. Each scenario
  first searches its own category, so it counts only its own products.

  Background:
    Given the following "Product Category" records exist:
      | Name        |
      | Birch Range |
    And the following "Product Category" records exist:
      | Name          | Parent Category |
      | Birch Seating | Birch Range     |
      | Birch Tables  | Birch Range     |
    And the following products exist:
      | Name           | Type    | Category      | Sales price |
      | Birch Chair    | Goods   | Birch Seating | 40.00       |
      | Birch Bench    | Goods   | Birch Seating | 90.00       |
      | Birch Table    | Goods   | Birch Tables  | 150.00      |
      | Birch Assembly | Service | Birch Tables  | 25.00       |

  Scenario: Filters of the search menu add up and stay on
    Given I am logged in as a "Sales coordinator"
    When I open "Sales / Products / Products"
    And I search "Product Category" for "Birch Range"
    Then the list shows 4 records
    When I filter on "Services"
    Then the list shows 1 record
    When I filter on "Services"
    Then the list shows 1 record
    When I filter on "Goods"
    Then the list shows 4 records

  Scenario: Products grouped by category show each group's count
    Given I am logged in as a "Sales coordinator"
    When I open "Sales / Products / Products"
    And I search "Product Category" for "Birch Range"
    And I group by "Product Category"
    Then the list shows the group "Birch Seating" with 2 records
    And the list shows the group "Birch Tables" with 2 records
    And the list shows 4 records
    When I filter on "Goods"
    Then the list shows the group "Birch Tables" with 1 record
    And the list shows 3 records

  Scenario: A grouping by a field of the custom group list
    Given I am logged in as a "Sales coordinator"
    When I open "Sales / Products / Products"
    And I search "Product Category" for "Birch Seating"
    And I group by "Track Inventory"
    Then the list shows the group "Yes" with 2 records

  Scenario: A saved favourite brings the search back
    Given I am logged in as a "Sales coordinator"
    When I open "Sales / Products / Products"
    And I search "Product Category" for "Birch Range"
    And I filter on "Services"
    And I save the current search as the favourite "Birch services"
    And I open "Sales / Products / Products"
    And I search "Product Category" for "Birch Range"
    Then the list shows 4 records
    When I apply the favourite "Birch services"
    Then the list shows 1 record

  Scenario: The side panel of the stock report narrows it to a category
    Given I am logged in as an "Inventory accountant"
    When I open "Inventory / Reporting / Stock"
    And I pick "Birch Range / Birch Seating" in the side panel
    Then the list shows 2 records
    When I pick "Birch Range / Birch Tables" in the "Category" side panel
    And I group by "Product Category"
    Then the list shows the group "Birch Tables" with 1 record
