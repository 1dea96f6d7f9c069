@procure_to_stock @wave-1 @normal @requires_module:purchase_stock
Feature: Requests for quotation, written with the generic steps
  A buyer asks vendors for prices and confirms the order; the warehouse receives
  the goods. Every step here is a generic one: menus, buttons and fields are
  named as the screen shows them.

  Background:
    Given the following "Product Category" records exist:
      | Name   | Costing Method |
      | Timber | Standard Price |
    And the following vendors exist:
      | Name         |
      | Oak Supplies |
      | Pine Traders |
    And the following products exist:
      | Name       | Type  | Category | Cost  |
      | Oak Pallet | Goods | Timber   | 30.00 |
      | Pine Crate | Goods | Timber   | 12.00 |

  @critical @req:P2S-004
  Scenario: A buyer confirms a request for quotation and the warehouse receives it
    Given I am logged in as a "Buyer"
    When I open "Purchase / Orders / Requests for Quotation"
    And I click "New"
    And I set "Vendor" to "Oak Supplies"
    And I add the lines:
      | Product    | Quantity | Unit Price | Taxes |
      | Oak Pallet | 10       | 30.00      | 15%   |
      | Pine Crate | 5        | 12.50      | 15%   |
    And I save
    And I click "Confirm Order"
    Then the status is "Purchase Order"
    And the "Vendor" is "Oak Supplies"
    And the "Untaxed Amount" is "362.50"
    And the "Total" is "$ 416.88"
    When I log in as the "Warehouse operator"
    And I open "Inventory / Operations / Transfers / Receipts"
    And I search "Contact" for "Oak Supplies"
    Then the list shows 1 record
    When I open the record "Oak Supplies"
    And I click "Validate"
    Then the status is "Done"
    And "Oak Pallet" has 10 units on hand in "WH/Stock"
    And "Pine Crate" has 5 units on hand in "WH/Stock"

  Scenario Outline: A buyer finds a vendor's request for quotation
    Given the following "Purchase Order" records exist:
      | Vendor       | Vendor Reference | Order Deadline   |
      | Oak Supplies | OAK-1            | today + 3 days   |
      | Oak Supplies | OAK-2            | today + 10 days  |
      | Pine Traders | PIN-7            | today            |
    And I am logged in as a "Buyer"
    When I open "Purchase / Orders / Requests for Quotation"
    And I search "Vendor" for "<vendor>"
    Then the list shows <orders> records
    When I search for "<reference>"
    Then the list shows 1 record
    When I open the record "<vendor>"
    Then the status is "RFQ"
    And the "Vendor" is "<vendor>"
    And the "Vendor Reference" is "<reference>"
    And the "Order Deadline" is "<deadline>"

    Examples:
      | vendor       | orders | reference | deadline        |
      | Oak Supplies | 2      | OAK-2     | today + 10 days |
      | Pine Traders | 1      | PIN-7     | today           |

  Scenario: A confirmed purchase order cannot be deleted
    Given I am logged in as a "Buyer"
    When I open "Purchase / Orders / Requests for Quotation"
    And I click "New"
    And I fill in:
      | Field            | Value        |
      | Vendor           | Pine Traders |
      | Vendor Reference | PIN-2024-118 |
    And I add the lines:
      | Product    | Quantity |
      | Pine Crate | 4        |
    And I set "Expected Arrival" to "today + 7 days"
    And I click "Confirm Order"
    Then the status is "Purchase Order"
    And the "Expected Arrival" is "today + 7 days"
    When I click "Actions"
    And I click "Delete"
    And I click "Delete"
    Then I see the message "you must cancel it first"

  Scenario: A buyer does not configure purchasing or manage the warehouse
    Given I am logged in as a "Buyer"
    Then I cannot open "Purchase / Configuration / Settings"
    And I cannot open "Inventory"
