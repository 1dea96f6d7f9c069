@warehouses @wave-1 @critical @requires_module:stock_dropshipping
Feature: Drop ship: the vendor delivers straight to the customer
  A product sold on the Dropship route never enters the warehouse: confirming
  the sales order makes a request for quotation to the product's vendor, the
  buyer confirms it, and the vendor's delivery goes straight to the customer.
  The buyer reads the sales order lines the purchase order comes from: on 19.0
  a buyer without sales rights cannot confirm it (access to sale.order.line).

  Background:
    Given the following customers exist:
      | Name        |
      | Acme Retail |
    And the following vendors exist:
      | Name          |
      | Nordic Garden |
    And the following products exist:
      | Name         | Sales price | Cost  | Vendor        |
      | Garden Bench | 180.00      | 95.00 | Nordic Garden |
    And the product "Garden Bench" follows the route "Dropship"

  @req:WH-004
  Scenario: A sales order is delivered by the vendor to the customer
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Acme Retail" with 3 units of "Garden Bench"
    And I confirm the quotation
    And I log in as the "Drop-ship buyer"
    And I open the purchase order made for the sales order
    And I confirm the purchase order
    Then the transfers of "Garden Bench" are:
      | Operation Type | From             | To                 | Quantity | Status |
      | Dropship       | Partners/Vendors | Partners/Customers | 3        | Ready  |
    When I log in as the "Warehouse operator"
    And I validate the "Dropship" transfer of "Garden Bench"
    Then the order shows 3 units of "Garden Bench" delivered
    And the purchase order shows 3 units of "Garden Bench" received
