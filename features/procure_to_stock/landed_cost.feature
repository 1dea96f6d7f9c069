@procure_to_stock @wave-1 @critical @requires_module:stock_landed_costs
Feature: Landed cost
  Freight paid for a receipt is part of what the goods cost. Once the
  inventory accountant validates it as a landed cost, the products' unit cost
  and the inventory valuation include it, and the stock valuation account
  carries the extra amount.

  Background:
    Given the following vendors exist:
      | Name        |
      | Hydro Parts |
    And the landed cost service "Sea Freight" exists

  @req:P2S-003
  Scenario Outline: Freight split by quantity raises the unit cost (<costing>)
    Given the product category "Pumps" is valued automatically at <costing>
    And the following products exist:
      | Name       | Category | Cost   | Vendor      |
      | Water Pump | Pumps    | 100.00 | Hydro Parts |
    And the following goods were received from "Hydro Parts":
      | Product    | Quantity | Unit price |
      | Water Pump | 10       | 100.00     |
    And I am logged in as an "Inventory accountant"
    When I record a landed cost of 200.00 for "Sea Freight" on the receipt, split by quantity
    And I validate the landed cost
    Then the landed cost is posted and adds 200.00 to the stock valuation account
    And the unit cost of "Water Pump" is 120.00
    And the inventory value of "Water Pump" is 1,200.00 for 10 units

    Examples:
      | costing             |
      | average cost (AVCO) |
      | FIFO                |

  @req:P2S-003
  Scenario: Freight split by cost follows the value of each product
    Given the product category "Pumps" is valued automatically at average cost (AVCO)
    And the following products exist:
      | Name       | Category | Cost   | Vendor      |
      | Water Pump | Pumps    | 100.00 | Hydro Parts |
      | Hose Reel  | Pumps    | 50.00  | Hydro Parts |
    And the following goods were received from "Hydro Parts":
      | Product    | Quantity | Unit price |
      | Water Pump | 10       | 100.00     |
      | Hose Reel  | 10       | 50.00      |
    And I am logged in as an "Inventory accountant"
    When I record a landed cost of 300.00 for "Sea Freight" on the receipt, split by current cost
    And I validate the landed cost
    Then the landed cost is posted and adds 300.00 to the stock valuation account
    And the landed cost is split over the products as follows:
      | Product    | Additional cost |
      | Water Pump | 200.00          |
      | Hose Reel  | 100.00          |
    And the unit cost of "Water Pump" is 120.00
    And the unit cost of "Hose Reel" is 60.00
    And the inventory value of "Water Pump" is 1,200.00 for 10 units
    And the inventory value of "Hose Reel" is 600.00 for 10 units
