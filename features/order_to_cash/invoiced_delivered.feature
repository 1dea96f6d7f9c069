@order_to_cash @wave-2 @normal
Feature: What a sales order has delivered and invoiced
  The accountant invoices what the warehouse shipped: a product invoiced on
  delivered quantities leaves the order partly invoiced after a partial shipment.

  Background:
    Given the following customers exist:
      | Name        |
      | Ash Traders |
    And the following "Product" records exist:
      | Name       | Product Type | Track Inventory | Invoicing Policy     | Sales Price |
      | Ash Pallet | Goods        | yes             | Delivered quantities | 30.00       |
    And "Ash Pallet" has 10 units on hand in "WH/Stock"

  @req:ORD-011
  Scenario: A partial shipment invoiced leaves the order partly invoiced
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Ash Traders" with 5 units of "Ash Pallet"
    And I confirm the quotation
    When I log in as the "Warehouse operator"
    And I ship 3 units of "Ash Pallet" and keep the rest as a backorder
    When I log in as the "Accountant"
    And I create and post the invoice for the order
    Then the order's quantities are:
      | Product    | Ordered | Delivered | Invoiced |
      | Ash Pallet | 5       | 3         | 3        |
    And the order is partly invoiced
