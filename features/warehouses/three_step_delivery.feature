@warehouses @wave-1 @critical
Feature: Deliver in three steps: pick, pack, ship
  A depot that delivers in three steps picks the goods from its stock into the
  packing zone, packs them to the output dock, then ships them. The salesperson
  sells from that depot; the warehouse operator processes each step in turn.

  Background:
    Given a warehouse "North Depot" that receives with "Receive and Store (1 step)" and delivers with "Pick, Pack, then Deliver (3 steps)"
    And the following customers exist:
      | Name        |
      | Acme Retail |
    And the following products exist:
      | Name       | Sales price | Cost  |
      | Oak Pallet | 45.00       | 30.00 |
    And "Oak Pallet" has 20 units on hand in "North Depot/Stock"

  @req:WH-001
  Scenario: A confirmed order is picked, packed and shipped
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Acme Retail" with 5 units of "Oak Pallet"
    And I set "Warehouse" to "North Depot"
    And I save
    And I confirm the quotation
    Then the transfers of "Oak Pallet" are:
      | Operation Type    | From              | To                       | Quantity | Status |
      | North Depot: Pick | North Depot/Stock | North Depot/Packing Zone | 5        | Ready  |
    When I log in as the "Warehouse operator"
    And I validate the "North Depot: Pick" transfer of "Oak Pallet"
    Then the stock of "Oak Pallet" in "North Depot" is:
      | Location                 | Quantity |
      | North Depot/Stock        | 15       |
      | North Depot/Packing Zone | 5        |
    And the transfers of "Oak Pallet" are:
      | Operation Type    | From                     | To                       | Quantity | Status |
      | North Depot: Pick | North Depot/Stock        | North Depot/Packing Zone | 5        | Done   |
      | North Depot: Pack | North Depot/Packing Zone | North Depot/Output       | 5        | Ready  |
    When I validate the "Pack" transfer of "Oak Pallet"
    And I validate the "Delivery Orders" transfer of "Oak Pallet"
    Then the transfers of "Oak Pallet" are:
      | Operation Type               | From                     | To                       | Status |
      | North Depot: Pick            | North Depot/Stock        | North Depot/Packing Zone | Done   |
      | North Depot: Pack            | North Depot/Packing Zone | North Depot/Output       | Done   |
      | North Depot: Delivery Orders | North Depot/Output       | Partners/Customers       | Done   |
    And the stock of "Oak Pallet" in "North Depot" is:
      | Location          | Quantity |
      | North Depot/Stock | 15       |
    And the order shows 5 units of "Oak Pallet" delivered
