@screens @wave-1 @normal @requires_module:sale_management
Feature: Forms with unlabeled fields, notebook tabs and tags, with the generic phrases
  A contact's name has no label on screen: it is found by the label Odoo gives
  the field. Fields on a tab not shown are found and the tab opened.

  Background:
    Given the following "Partner Tags" records exist:
      | Name      |
      | Wholesale |
      | Export    |

  Scenario: Customer service creates a company contact with tags and sales settings
    Given I am logged in as a "Customer service"
    When I open "Sales / Orders / Customers"
    And I click "New"
    And I set "Company Type" to "Company"
    And I set "Name" to "Elm Studio"
    And I set "Tags" to "Wholesale, Export"
    And I set "Reference" to "ELM-77"
    And I save
    Then the "Name" is "Elm Studio"
    And the "Company Type" is "Company"
    And the "Tags" is "Wholesale, Export"
    And the "Reference" is "ELM-77"
    When I open "Sales / Orders / Customers"
    And I search for "Elm Studio"
    Then the list shows 1 record
    When I open the record "Elm Studio"
    Then the "Tags" is "Export, Wholesale"
    And the "Reference" is "ELM-77"
