@order_to_cash @wave-1 @critical
Feature: Credit hold
  A customer who has nearly used up its credit limit orders more. Standard Odoo
  warns the sales coordinator on the quotation; with the credit-control
  customisation the order cannot be confirmed until the credit controller has
  collected the open invoices.

  Background:
    Given credit limits are enabled in the accounting settings
    And the following customers exist:
      | Name        | Credit limit |
      | Acme Retail | 1,000.00     |
    And the following products exist:
      | Name       | Type  | Sales price | Cost  |
      | Oak Pallet | Goods | 45.00       | 30.00 |
    And "Acme Retail" owes 900.00 on a posted invoice

  @req:O2C-010
  Scenario: The sales coordinator is warned when an order would exceed the credit limit
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Acme Retail" with 5 units of "Oak Pallet"
    Then the quotation warns that "Acme Retail" has reached its credit limit of 1,000.00

  @requires_module:sale_financial_risk @req:O2C-011
  Scenario: An order over the credit risk is held until the customer pays
    Given the financial risk of "Acme Retail" counts its open invoices and sales orders
    And I am logged in as a "Sales coordinator"
    When I create a quotation for "Acme Retail" with 5 units of "Oak Pallet"
    And I try to confirm the quotation
    Then the confirmation is refused because "Acme Retail" would exceed its credit risk
    And I am not offered to confirm it over the risk
    And the order is still a quotation
    When I log in as the "Credit controller"
    And I register the payment of the open invoice
    Then the open invoice is paid
    When I log in as the "Sales coordinator"
    And I confirm the quotation
    Then the quotation is now a sales order
