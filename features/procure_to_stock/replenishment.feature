@procure_to_stock @wave-1 @normal @requires_module:purchase_stock
Feature: Replenish from reordering rules
  The replenishment report lists the products whose reordering rule asks for
  more. The manager adjusts the quantity to order on the product's row and
  orders it: a request for quotation goes to the product's vendor.

  Background:
    Given the following vendors exist:
      | Name        |
      | Alder Mills |
    And the following products exist:
      | Name       | Type  | Vendor      | Cost |
      | Alder Beam | Goods | Alder Mills | 8.00 |
    And the following "Minimum Inventory Rule" records exist:
      | Product    | Min Quantity | Max Quantity | Trigger | Route |
      | Alder Beam | 5            | 20           | Manual  | Buy   |

  @critical @req:P2S-006
  Scenario: An adjusted quantity to order becomes a request for quotation
    Given I am logged in as an "Inventory manager"
    When I open "Inventory / Operations / Procurement / Replenishment"
    And I search for "Alder Beam"
    Then the list shows 1 record
    When I set "To Order" to "12" on the row "Alder Beam"
    And I click "Order" on the row "Alder Beam"
    And I open "Purchase / Orders / Requests for Quotation"
    And I search "Vendor" for "Alder Mills"
    Then the list shows 1 record
    When I open the record "Alder Mills"
    Then the status is "RFQ"
    And the "Untaxed Amount" is "96.00"
