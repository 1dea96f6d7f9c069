@wave-1
Feature: Quote to ship
  A confirmed quotation reserves stock, creates a delivery and is invoiced on delivered quantities.

  Background:
    Given the customer "Azure Interior"

  @blocker @req:O2C-001
  Scenario: Confirming a quotation creates a delivery
    Given a quotation for 5 units of "Office Chair"
    When the salesperson confirms the quotation
    Then a delivery order for 5 units is created

  @critical @req:O2C-002
  Scenario: Invoicing the delivered quantities
    Given a quotation for 5 units of "Office Chair"
    When the salesperson confirms the quotation
    And the warehouse delivers the order
    Then the invoice total is 1200.00

  @req:O2C-003
  Scenario: The credit limit holds a large order
    Given a quotation for 500 units of "Office Chair"
    When the salesperson confirms the quotation
    Then the order waits for credit approval

  @req:O2C-004 @defect:UAT-101
  Scenario: A line discount reaches the invoice
    Given a quotation for 5 units of "Office Chair" with a 10 % discount
    When the salesperson confirms the quotation
    And the warehouse delivers the order
    Then the invoice total is 1080.00

  @minor @defect:UAT-102
  Scenario: A pricelist in EUR converts the unit price
    Given a quotation for 1 units of "Office Chair" in EUR
    Then the unit price is 220.80

  @req:O2C-005
  Scenario Outline: Delivering from the warehouse of the order
    Given a quotation for <qty> units of "Office Chair" from "<warehouse>"
    When the salesperson confirms the quotation
    Then a delivery order for <qty> units is created

    Examples:
      | qty | warehouse |
      | 2   | WH        |
      | 10  | WH2       |

  @req:O2C-099
  Scenario: Reserving stock for a confirmed order
    Given a quotation for 5 units of "Office Chair"
    When the salesperson confirms the quotation
    Then 5 units are reserved
