@documents @wave-1 @critical
Feature: Print the delivery slip
  The warehouse ships a customer's order and prints the delivery slip that goes
  with the goods: it names the customer, the product and the quantity shipped.

  Background:
    Given the following customers exist:
      | Name        |
      | Acme Retail |
    And the following products exist:
      | Name       | Type  | Sales price | Cost  |
      | Oak Pallet | Goods | 45.00       | 30.00 |
    And "Oak Pallet" has 10 units on hand in "WH/Stock"

  @req:PRN-001
  Scenario: The delivery slip of a shipped order names the customer, the product and the quantity
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Acme Retail" with 5 units of "Oak Pallet"
    And I confirm the quotation
    And I log in as the "Warehouse operator"
    And I validate the delivery of the order
    And I print the "Delivery Slip"
    Then the printed "Delivery Slip" shows:
      | Text        |
      | Delivery    |
      | Acme Retail |
      | Oak Pallet  |
      | 5 Units     |
