@procure_to_stock @wave-1 @critical @requires_module:purchase_stock
Feature: Receipt to putaway
  Goods bought from a vendor are unloaded at the dock (Input), then stored.
  The putaway rules of the warehouse choose the shelf: chilled goods go to
  Shelf A, other goods to the main stock.

  Background:
    Given a warehouse "North Depot" that receives in two steps
    And the storage location "North Depot/Stock/Shelf A" exists
    And the following product categories exist:
      | Name      |
      | Chilled   |
      | Dry Goods |
    And a putaway rule sends "Chilled" products arriving in "North Depot/Stock" to "North Depot/Stock/Shelf A"
    And the following vendors exist:
      | Name         |
      | Nordic Dairy |
    And the following products exist:
      | Name        | Category  | Cost  | Vendor       |
      | Yogurt Tray | Chilled   | 4.00  | Nordic Dairy |
      | Rice Sack   | Dry Goods | 12.00 | Nordic Dairy |

  @req:P2S-001
  Scenario: Received goods are stored on the shelf the putaway rule chooses
    Given I am logged in as a "Buyer"
    When I create a purchase order from "Nordic Dairy" for delivery to "North Depot":
      | Product     | Quantity | Unit price |
      | Yogurt Tray | 10       | 4.00       |
    And I confirm the purchase order
    Then the purchase order is confirmed
    And a receipt for 10 units of "Yogurt Tray" into "North Depot/Input" is ready
    When I log in as the "Warehouse operator"
    And I validate the receipt of the purchase order
    Then all 10 units of "Yogurt Tray" in "North Depot" are on hand in "North Depot/Input"
    And a storage transfer for 10 units of "Yogurt Tray" into "North Depot/Stock/Shelf A" is ready
    When I validate the storage transfer of the purchase order
    Then all 10 units of "Yogurt Tray" in "North Depot" are on hand in "North Depot/Stock/Shelf A"
    And the purchase order shows 10 units of "Yogurt Tray" received

  @req:P2S-001
  Scenario: Goods without a putaway rule are stored in the main stock
    Given I am logged in as a "Buyer"
    When I create a purchase order from "Nordic Dairy" for delivery to "North Depot":
      | Product     | Quantity |
      | Yogurt Tray | 4        |
      | Rice Sack   | 5        |
    And I confirm the purchase order
    And I log in as the "Warehouse operator"
    And I validate the receipt of the purchase order
    And I validate the storage transfer of the purchase order
    Then all 4 units of "Yogurt Tray" in "North Depot" are on hand in "North Depot/Stock/Shelf A"
    And all 5 units of "Rice Sack" in "North Depot" are on hand in "North Depot/Stock"

  @req:P2S-001
  Scenario: A rule for one product wins over the rule for its category
    Given the storage location "North Depot/Stock/Shelf B" exists
    And the following products exist:
      | Name       | Category | Cost | Vendor       |
      | Butter Box | Chilled  | 6.00 | Nordic Dairy |
    And a putaway rule sends the product "Butter Box" arriving in "North Depot/Stock" to "North Depot/Stock/Shelf B"
    And I am logged in as a "Buyer"
    When I create a purchase order from "Nordic Dairy" for delivery to "North Depot":
      | Product     | Quantity |
      | Butter Box  | 8        |
      | Yogurt Tray | 3        |
    And I confirm the purchase order
    And I log in as the "Warehouse operator"
    And I validate the receipt of the purchase order
    Then a storage transfer for 8 units of "Butter Box" into "North Depot/Stock/Shelf B" is ready
    When I validate the storage transfer of the purchase order
    Then all 8 units of "Butter Box" in "North Depot" are on hand in "North Depot/Stock/Shelf B"
    And all 3 units of "Yogurt Tray" in "North Depot" are on hand in "North Depot/Stock/Shelf A"

  @req:P2S-002
  Scenario: A partial receipt leaves a backorder for the rest
    Given I am logged in as a "Buyer"
    When I create a purchase order from "Nordic Dairy" for delivery to "North Depot":
      | Product     | Quantity |
      | Yogurt Tray | 10       |
    And I confirm the purchase order
    And I log in as the "Warehouse operator"
    And I receive 6 units of "Yogurt Tray" and keep the rest as a backorder
    Then the purchase order shows 6 units of "Yogurt Tray" received
    And a backorder receipt for 4 units of "Yogurt Tray" is ready
    And a storage transfer for 6 units of "Yogurt Tray" into "North Depot/Stock/Shelf A" is ready
    When I validate the storage transfer of the purchase order
    Then all 6 units of "Yogurt Tray" in "North Depot" are on hand in "North Depot/Stock/Shelf A"
