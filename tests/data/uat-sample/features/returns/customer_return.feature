@wave-2
Feature: Customer returns
  Delivered goods come back into stock and are credited.

  @critical @req:RET-001 @requires_module:stock_return_reason
  Scenario: Returning a delivered product
    Given a quotation for 5 units of "Office Chair"
    When the customer returns 2 units
    Then 2 units are back on hand
