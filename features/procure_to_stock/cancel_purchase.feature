@req:P2S-005
Feature: Cancel a purchase order
  Scenario: A cancelled order no longer counts for the vendor
    Given the following vendors exist:
      | Name         |
      | Nordic Dairy |
    And the following products exist:
      | Name       | Type  | Cost |
      | Oat Drink  | Goods | 1.20 |
    And I am logged in as a "Buyer"
    When I create a purchase order from "Nordic Dairy" for delivery to "WH":
      | Product   | Quantity |
      | Oat Drink | 10       |
    And I cancel the purchase order
    Then the purchase order is cancelled

  @req:ORD-003
  Scenario: A confirmed purchase order is cancelled, then set back to a request for quotation
    Given the following vendors exist:
      | Name         |
      | Nordic Dairy |
    And the following products exist:
      | Name       | Type  | Cost |
      | Oat Drink  | Goods | 1.20 |
    And I am logged in as a "Buyer"
    When I create a purchase order from "Nordic Dairy" for delivery to "WH":
      | Product   | Quantity |
      | Oat Drink | 10       |
    And I confirm the purchase order
    Then the order is "Purchase Order"
    When I cancel the order
    Then the order is "Cancelled"
    When I set the order back to quotation
    Then the order is "RFQ"
