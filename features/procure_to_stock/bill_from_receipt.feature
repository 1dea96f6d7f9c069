@procure_to_stock @wave-2 @critical @requires_module:purchase_stock
Feature: Bill what was received, and know what is left to bill
  The accountant bills a purchase order from the purchase orders list once the
  goods are in: the bill takes what was received. A partial receipt leaves the
  order partly billed until the rest arrives. Odoo 19.0's order form has no
  "Create Bill" button any more; the list's "Create Bills" works on both versions.

  Background:
    Given the following vendors exist:
      | Name        |
      | Elm Timber  |
    And the following products exist:
      | Name      | Type  | Cost  |
      | Elm Plank | Goods | 8.00  |
      | Elm Beam  | Goods | 20.00 |

  @req:ORD-010
  Scenario: A partly received order is billed for what came, then for the rest
    Given I am logged in as a "Buyer"
    When I create a purchase order from "Elm Timber" for delivery to "WH":
      | Product   | Quantity | Unit price |
      | Elm Plank | 10       | 8.00       |
      | Elm Beam  | 4        | 20.00      |
    And I confirm the purchase order
    When I log in as the "Warehouse operator"
    And I receive 6 units of "Elm Plank" and keep the rest as a backorder
    When I log in as the "Accountant"
    And I create and post the bill for the purchase order
    Then the order's quantities are:
      | Product   | Ordered | Received | Billed |
      | Elm Plank | 10      | 6        | 6      |
      | Elm Beam  | 4       | 4        | 4      |
    And the order is partly billed
    When I log in as the "Warehouse operator"
    And I validate the receipt of the purchase order
    When I log in as the "Accountant"
    And I create and post the bill for the purchase order
    Then the order's quantities are:
      | Product   | Ordered | Received | Billed |
      | Elm Plank | 10      | 10       | 10     |
    And the order is fully billed
