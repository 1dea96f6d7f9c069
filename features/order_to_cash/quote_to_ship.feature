@order_to_cash @wave-1 @critical
Feature: Quote to ship
  A customer orders goods we hold in stock: the sales coordinator quotes and
  confirms, the warehouse ships, the accountant invoices what was ordered.

  Background:
    Given the following customers exist:
      | Name        |
      | Acme Retail |
    And the following products exist:
      | Name       | Type  | Sales price | Cost  |
      | Oak Pallet | Goods | 45.00       | 30.00 |
    And "Oak Pallet" has 10 units on hand in "WH/Stock"

  @req:O2C-001
  Scenario: Ship a confirmed order in full
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Acme Retail" with 2 units of "Oak Pallet"
    And I confirm the quotation
    Then the quotation is now a sales order
    And a delivery for 2 units of "Oak Pallet" is ready
    When I log in as the "Warehouse operator"
    And I validate the delivery of the order
    Then the order shows 2 units of "Oak Pallet" delivered
    When I log in as the "Accountant"
    And I create and post the invoice for the order
    Then the order is invoiced for its total

  @req:O2C-002
  Scenario: Partial shipment creates a backorder
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Acme Retail" with 5 units of "Oak Pallet"
    And I confirm the quotation
    And I log in as the "Warehouse operator"
    And I ship 3 units of "Oak Pallet" and keep the rest as a backorder
    Then the order shows 3 units of "Oak Pallet" delivered
    And a backorder for 2 units of "Oak Pallet" is ready
