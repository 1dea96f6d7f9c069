@documents @wave-1 @critical
Feature: Print the customer invoice
  The accountant posts the invoice of a shipped order and prints it for the
  customer: it names the customer, the product and the amount due.

  Background:
    Given the following customers exist:
      | Name            |
      | Birch Interiors |
    And the following products exist:
      | Name        | Type  | Sales price | Cost  |
      | Birch Stool | Goods | 60.00       | 35.00 |
    And "Birch Stool" has 10 units on hand in "WH/Stock"

  @req:PRN-002
  Scenario: The printed invoice names the customer, the product and the quantity invoiced
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Birch Interiors" with 3 units of "Birch Stool"
    And I confirm the quotation
    And I log in as the "Warehouse operator"
    And I validate the delivery of the order
    And I log in as the "Accountant"
    And I create and post the invoice for the order
    And I click "Print" to print the "Invoice"
    Then the printed "Invoice" shows:
      | Text                    |
      | Invoice                 |
      | Birch Interiors         |
      | Birch Stool             |
      | 3 60.00                 |
      | Untaxed Amount $ 180.00 |
