@screens @wave-1 @normal @requires_module:sale_management @requires_module:purchase
Feature: Dialogs and wizards, with the generic phrases
  A click that opens a confirmation or a wizard returns at once; the next steps
  act on the dialog on top, and the dialog's own buttons answer it.

  Background:
    Given the following customers exist:
      | Name         |
      | Birch Retail |
    And the following products exist:
      | Name      | Type  | Sales price |
      | Birch Box | Goods | 100.00      |

  Scenario: A confirmation dialog is answered with its button
    Given the following "Purchase Order" records exist:
      | Vendor       | Vendor Reference |
      | Birch Retail | BIRCH-1          |
      | Birch Retail | BIRCH-2          |
    And I am logged in as a "Buyer"
    When I open "Purchase / Orders / Requests for Quotation"
    And I search "Vendor" for "Birch Retail"
    Then the list shows 2 records
    When I search for "BIRCH-1"
    Then the list shows 1 record
    When I open the record "Birch Retail"
    And I click "Cancel"
    Then the status is "Cancelled"
    When I click "Actions"
    And I click "Delete"
    Then I see the message "Are you sure"
    When I click "Delete"
    And I open "Purchase / Orders / Requests for Quotation"
    And I search "Vendor" for "Birch Retail"
    Then the list shows 1 record

  Scenario: A wizard's fields are set in its dialog and its button runs it
    Given I am logged in as a "Accountant"
    When I open "Sales / Orders / Quotations"
    And I click "New"
    And I set "Customer" to "Birch Retail"
    And I add the lines:
      | Product   | Quantity |
      | Birch Box | 2        |
    And I click "Confirm"
    Then the status is "Sales Order"
    When I click "Create Invoice"
    And I set "Create Invoice" to "Down payment (percentage)"
    And I set "Down Payment" to "10"
    And I click "Create Draft"
    Then the status is "Draft"
    And the "Customer" is "Birch Retail"
    And the "Total" is "23.00"
