@procure_to_stock @wave-2 @critical
Feature: Purchase orders above the approval amount wait for a manager
  With "Purchase Order Approval" on, an order whose total (tax included) reaches
  the company's minimum amount waits for a purchase manager's approval when a
  buyer confirms it; a smaller one is a purchase order at once.

  The minimum amount is the company's, shared by every scenario running at the
  same time: every feature states the same one (5,000.00, Odoo's own), and the
  amounts below are far on either side of it.

  Background:
    Given purchase orders from 5,000.00 need a manager's approval
    And the following vendors exist:
      | Name          |
      | Cedar Sawmill |
    And the following products exist:
      | Name        | Type  | Cost   |
      | Cedar Board | Goods | 100.00 |

  @req:ORD-020
  Scenario: A large order waits for the purchase manager's approval
    Given I am logged in as a "Buyer"
    When I create a purchase order from "Cedar Sawmill" for delivery to "WH":
      | Product     | Quantity | Unit price |
      | Cedar Board | 100      | 100.00     |
    And I confirm the purchase order
    Then the order is "To Approve"
    When I log in as the "Purchase manager"
    And I approve the purchase order
    Then the order is "Purchase Order"
    And the purchase order is confirmed

  @req:ORD-021
  Scenario: A small order needs no approval
    Given I am logged in as a "Buyer"
    When I create a purchase order from "Cedar Sawmill" for delivery to "WH":
      | Product     | Quantity | Unit price |
      | Cedar Board | 5        | 100.00     |
    And I confirm the purchase order
    Then the order is "Purchase Order"
