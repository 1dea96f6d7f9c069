@order_to_cash @wave-1 @normal
Feature: Cancel a sales order and set it back to quotation
  A customer calls off an order: the sales coordinator cancels it, and when the
  customer changes their mind again, sets it back to quotation. Odoo 19.0 asks
  to confirm the cancellation, 18.0 opens a cancel wizard: the phrase answers both.
  The order is for a service: cancelling an order that has a delivery also
  cancels the delivery, which needs Inventory rights the sales coordinator has not
  (with purchase_stock installed, Odoo refuses it: Access Error on Purchase Order Line).

  Background:
    Given the following customers exist:
      | Name         |
      | Rowan Retail |
    And the following products exist:
      | Name          | Type    | Sales price | Cost  |
      | Rowan Fitting | Service | 20.00       | 12.00 |

  @req:ORD-001
  Scenario: A confirmed sales order is cancelled, then set back to quotation
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Rowan Retail" with 3 units of "Rowan Fitting"
    And I confirm the quotation
    Then the order is "Sales Order"
    When I cancel the order
    Then the order is "Cancelled"
    When I set the order back to quotation
    Then the order is "Quotation"
    And the order is still a quotation

  @req:ORD-001
  Scenario: A quotation not confirmed yet is cancelled
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Rowan Retail" with 2 units of "Rowan Fitting"
    And I cancel the order
    Then the order is "Cancelled"
