@traceability @wave-1 @critical @requires_module:purchase_stock
Feature: Lots from the vendor to the customer
  Chilled goods are tracked by lot: the warehouse names the lots a receipt
  brings, ships the lot the customer is to get, and anyone can say what each
  lot still holds, where it is and who received it.

  Background:
    Given the setting "Lots & Serial Numbers" is on
    And the following vendors exist:
      | Name         |
      | Nordic Dairy |
    And the following customers exist:
      | Name        |
      | Acme Retail |
    And the following products exist:
      | Name        | Tracking | Invoicing Policy     | Routes | Barcode       | Cost | Sales price | Vendor       |
      | Yogurt Tray | By Lots  | Delivered quantities | Buy    | 5412345000013 | 4.00 | 7.50        | Nordic Dairy |

  @req:LOT-001
  Scenario: A receipt in two lots, one of them shipped to a customer
    Given I am logged in as a "Buyer"
    When I create a purchase order from "Nordic Dairy" for delivery to "WH":
      | Product     | Quantity |
      | Yogurt Tray | 10       |
    And I confirm the purchase order
    And I log in as the "Warehouse operator"
    And I validate the receipt of the purchase order with these lots:
      | Product     | Lot   | Quantity |
      | Yogurt Tray | LOT-A | 6        |
      | Yogurt Tray | LOT-B | 4        |
    Then the lot "LOT-A" of "Yogurt Tray" has 6 units on hand in "WH/Stock"
    And the lot "LOT-B" of "Yogurt Tray" has 4 units on hand in "WH/Stock"
    When I log in as a "Sales coordinator"
    And I create a quotation for "Acme Retail" with 3 units of "Yogurt Tray"
    And I confirm the quotation
    And I log in as the "Warehouse operator"
    And I validate the delivery of the order from these lots:
      | Product     | Lot   | Quantity |
      | Yogurt Tray | LOT-B | 3        |
    Then the lot "LOT-B" of "Yogurt Tray" has 1 unit on hand in "WH/Stock"
    And the lot "LOT-A" of "Yogurt Tray" has 6 units on hand in "WH/Stock"
    And the lot "LOT-B" of "Yogurt Tray" is in "WH/Stock"
    And the lot "LOT-B" of "Yogurt Tray" was delivered to "Acme Retail"
    And the order shows 3 units of "Yogurt Tray" delivered
