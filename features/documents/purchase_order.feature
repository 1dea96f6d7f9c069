@documents @wave-1 @critical
Feature: Print the purchase order
  The buyer confirms an order to a vendor and prints it to send: it names the
  vendor, the products and the quantities ordered.

  Background:
    Given the following vendors exist:
      | Name          |
      | Nordic Timber |
    And the following products exist:
      | Name      | Type  | Cost  |
      | Oak Plank | Goods | 12.50 |
      | Oak Beam  | Goods | 40.00 |

  @req:PRN-003
  Scenario: The printed purchase order names the vendor, the products and the quantities
    Given I am logged in as a "Buyer"
    When I create a purchase order from "Nordic Timber" for delivery to "WH":
      | Product   | Quantity | Unit price |
      | Oak Plank | 40       | 12.50      |
      | Oak Beam  | 4        | 40.00      |
    And I confirm the purchase order
    And I print the "Purchase Order"
    Then the printed "Purchase Order" shows:
      | Text                    |
      | Purchase Order          |
      | Nordic Timber           |
      | Oak Plank               |
      | 40 12.50                |
      | Oak Beam                |
      | 4 40.00                 |
      | Untaxed Amount $ 660.00 |

  @req:PRN-004
  Scenario: A purchase order selected in the list is printed from the Print menu
    Given I am logged in as a "Buyer"
    When I create a purchase order from "Nordic Timber" for delivery to "WH":
      | Product  | Quantity | Unit price |
      | Oak Beam | 4        | 40.00      |
    And I confirm the purchase order
    And I open "Purchase / Orders / Purchase Orders"
    And I search "Vendor" for "Nordic Timber"
    Then the list shows 1 record
    When I select the rows showing "Nordic Timber"
    And I choose "Purchase Order" in the Print menu
    Then the printed "Purchase Order" shows:
      | Text          |
      | Nordic Timber |
      | Oak Beam      |
      | 4 40.00       |
