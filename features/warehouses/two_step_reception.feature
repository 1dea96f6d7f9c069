@warehouses @wave-1 @critical @requires_module:purchase_stock
Feature: Receive in two steps: unload at the dock, then store
  A depot that receives in two steps unloads the goods at its Input dock, then
  stores them on the shelf. The buyer orders; the warehouse operator receives,
  then stores, each step a transfer of its own.

  Background:
    Given a warehouse "North Depot" that receives with "Receive then Store (2 steps)" and delivers with "Deliver (1 step)"
    And the storage location "North Depot/Stock/Shelf A" exists
    And the following vendors exist:
      | Name         |
      | Nordic Dairy |
    And the following products exist:
      | Name        | Cost | Vendor       |
      | Yogurt Tray | 4.00 | Nordic Dairy |
    And a putaway rule sends the product "Yogurt Tray" arriving in "North Depot/Stock" to "Shelf A"

  @req:WH-002
  Scenario: Received goods wait at the dock until they are stored on their shelf
    Given I am logged in as a "Buyer"
    When I create a purchase order from "Nordic Dairy" for delivery to "North Depot":
      | Product     | Quantity |
      | Yogurt Tray | 12       |
    And I confirm the purchase order
    Then the transfers of "Yogurt Tray" are:
      | Operation Type        | From             | To                | Quantity | Status |
      | North Depot: Receipts | Partners/Vendors | North Depot/Input | 12       | Ready  |
    When I log in as the "Warehouse operator"
    And I validate the "Receipts" transfer of "Yogurt Tray"
    Then the stock of "Yogurt Tray" in "North Depot" is:
      | Location          | Quantity |
      | North Depot/Input | 12       |
    And the transfers of "Yogurt Tray" are:
      | Operation Type        | From              | To                | Quantity | Status |
      | North Depot: Receipts | Partners/Vendors  | North Depot/Input | 12       | Done   |
      | North Depot: Storage  | North Depot/Input | North Depot/Stock | 12       | Ready  |
    When I validate the "North Depot: Storage" transfer of "Yogurt Tray"
    Then the stock of "Yogurt Tray" in "North Depot" is:
      | Location                  | Quantity |
      | North Depot/Stock/Shelf A | 12       |
    And the purchase order shows 12 units of "Yogurt Tray" received
