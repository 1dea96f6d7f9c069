@traceability @wave-1 @critical @requires_module:purchase_stock
Feature: Serial numbers from the vendor to the customer
  Each scanner has its own serial number: the warehouse records the serial
  numbers a receipt brings and ships the one the customer is to get, so a
  warranty claim finds who has which scanner.

  Background:
    Given the setting "Lots & Serial Numbers" is on
    And the following vendors exist:
      | Name        |
      | Scan Supply |
    And the following customers exist:
      | Name        |
      | Acme Retail |
    And the following products exist:
      | Name            | Tracking                | Cost  | Sales price | Vendor      |
      | Barcode Scanner | By Unique Serial Number | 80.00 | 120.00      | Scan Supply |

  @req:LOT-002
  Scenario: Three scanners received by serial number, two of them shipped
    Given I am logged in as a "Buyer"
    When I create a purchase order from "Scan Supply" for delivery to "WH":
      | Product         | Quantity |
      | Barcode Scanner | 3        |
    And I confirm the purchase order
    And I log in as the "Warehouse operator"
    And I validate the receipt of the purchase order with these lots:
      | Product         | Serial number |
      | Barcode Scanner | SN-0001       |
      | Barcode Scanner | SN-0002       |
      | Barcode Scanner | SN-0003       |
    Then the serial number "SN-0002" of "Barcode Scanner" is in "WH/Stock"
    When I log in as a "Sales coordinator"
    And I create a quotation for "Acme Retail" with 2 units of "Barcode Scanner"
    And I confirm the quotation
    And I log in as the "Warehouse operator"
    And I validate the delivery of the order from these lots:
      | Product         | Serial number |
      | Barcode Scanner | SN-0003       |
      | Barcode Scanner | SN-0002       |
    Then the serial number "SN-0002" of "Barcode Scanner" was delivered to "Acme Retail"
    And the serial number "SN-0003" of "Barcode Scanner" was delivered to "Acme Retail"
    And the serial number "SN-0002" of "Barcode Scanner" has 0 units on hand in "WH/Stock"
    And the serial number "SN-0001" of "Barcode Scanner" is in "WH/Stock"
    And the order shows 2 units of "Barcode Scanner" delivered
