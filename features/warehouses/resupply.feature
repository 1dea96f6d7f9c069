@warehouses @wave-1 @normal
Feature: Resupply a shop from the central depot
  The shop is resupplied from the central depot ("Resupply From" on the shop's
  warehouse). When the shop's stock falls below its minimum, the inventory
  manager orders the replenishment: the depot ships the goods through transit,
  and the shop receives them.

  Background:
    Given a warehouse "Central Depot" that receives with "Receive and Store (1 step)" and delivers with "Deliver (1 step)"
    And a warehouse "City Shop" that receives with "Receive and Store (1 step)" and delivers with "Deliver (1 step)"
    And the warehouse "City Shop" is resupplied from "Central Depot"
    And the following products exist:
      | Name       | Cost  |
      | Birch Desk | 60.00 |
    And the product "Birch Desk" follows the route "City Shop: Supply Product from Central Depot"
    And "Birch Desk" has 30 units on hand in "Central Depot/Stock"
    And the following "Minimum Inventory Rule" records exist:
      | Product    | Warehouse | Location        | Min Quantity | Max Quantity | Trigger | Route                                        |
      | Birch Desk | City Shop | City Shop/Stock | 4            | 10           | Manual  | City Shop: Supply Product from Central Depot |

  @req:WH-003
  Scenario: The depot ships to the shop through transit, and the shop receives
    Given I am logged in as an "Inventory manager"
    When I open "Inventory / Operations / Procurement / Replenishment"
    And I search for "Birch Desk"
    And I click "Order" on the row "Birch Desk"
    Then the transfers of "Birch Desk" are:
      | Operation Type                 | From                                       | To                                         | Quantity | Status                    |
      | Central Depot: Delivery Orders | Central Depot/Stock                        | Physical Locations/Inter-warehouse transit | 10       | Ready                     |
      | City Shop: Receipts            | Physical Locations/Inter-warehouse transit | City Shop/Stock                            | 10       | Waiting Another Operation |
    When I log in as the "Warehouse operator"
    And I validate the "Central Depot: Delivery Orders" transfer of "Birch Desk"
    And I validate the "City Shop: Receipts" transfer of "Birch Desk"
    Then the stock of "Birch Desk" in "Central Depot" is:
      | Location            | Quantity |
      | Central Depot/Stock | 20       |
    And the stock of "Birch Desk" in "City Shop" is:
      | Location        | Quantity |
      | City Shop/Stock | 10       |
