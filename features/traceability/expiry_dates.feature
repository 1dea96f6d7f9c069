@traceability @wave-1 @critical @requires_module:product_expiry @requires_module:purchase_stock
Feature: Expiry dates: each lot carries its date, and the first to expire ships first
  Chilled goods are tracked by lot with an expiration date: a lot received
  gets the date the vendor prints on it, or the product's shelf life counted
  from the receipt's scheduled date (the vendor delivers the day after the
  order). Their category removes stock "First Expiry First Out", so
  a delivery takes the lot that expires first, whatever arrived first.

  Background:
    Given the setting "Lots & Serial Numbers" is on
    And the following vendors exist:
      | Name         |
      | Nordic Dairy |
    And the following customers exist:
      | Name        |
      | Acme Retail |
    And the following "Product Category" records exist:
      | Name    | Force Removal Strategy        |
      | Chilled | First Expiry First Out (FEFO) |
    And the following products exist:
      | Name       | Tracking | Expiration Date       | Category | Cost | Sales price | Vendor       |
      | Kefir Pack | By Lots  | 30 days after receipt | Chilled  | 2.10 | 3.90        | Nordic Dairy |

  @req:XDK-002
  Scenario: A received lot gets the date written on it, or the product's shelf life
    Given I am logged in as a "Buyer"
    When I create a purchase order from "Nordic Dairy" for delivery to "WH":
      | Product    | Quantity |
      | Kefir Pack | 10       |
    And I confirm the purchase order
    And I log in as the "Warehouse operator"
    And I validate the receipt of the purchase order with these lots:
      | Product    | Lot     | Quantity | Expiration Date  |
      | Kefir Pack | KEF-EXP | 6        | today + 12 days  |
      | Kefir Pack | KEF-STD | 4        |                  |
    Then the lot "KEF-EXP" of "Kefir Pack" has 6 units on hand in "WH/Stock"
    And the lot "KEF-EXP" of "Kefir Pack" expires on "today + 12 days"
    And the lot "KEF-STD" of "Kefir Pack" expires on "today + 31 days"

  @req:XDK-003
  Scenario: The delivery takes the lot that expires first, not the one that came first
    Given "Kefir Pack" has 5 units of the lot "KEF-LATE" on hand in "WH/Stock", expiring "in 20 days"
    And "Kefir Pack" has 5 units of the lot "KEF-SOON" on hand in "WH/Stock", expiring "in 5 days"
    And I am logged in as a "Sales coordinator"
    When I create a quotation for "Acme Retail" with 4 units of "Kefir Pack"
    And I confirm the quotation
    And I log in as the "Warehouse operator"
    And I validate the delivery of the order
    Then the lot "KEF-SOON" of "Kefir Pack" was delivered to "Acme Retail"
    And the lot "KEF-SOON" of "Kefir Pack" has 1 unit on hand in "WH/Stock"
    And the lot "KEF-LATE" of "Kefir Pack" has 5 units on hand in "WH/Stock"
    And the order shows 4 units of "Kefir Pack" delivered
