@wave-1
Feature: Receive goods
  Purchased goods are received into stock, with backorders and landed costs.

  @critical @req:P2S-001
  Scenario: Receiving a purchase order in full
    Given a purchase order for 20 units of "Office Chair"
    When the storekeeper receives 20 units
    Then 20 units are on hand

  @req:P2S-002 @requires_module:stock_landed_costs
  Scenario: Freight is added as a landed cost
    Given a purchase order for 20 units of "Office Chair"
    When the storekeeper receives 20 units
    Then the unit cost includes the freight

  @req:P2S-003
  Scenario: A partial receipt creates a backorder
    Given a purchase order for 20 units of "Office Chair"
    When the storekeeper validates a receipt of 15 units
    Then a backorder for 5 units is created

  @req:P2S-003 @wms
  Scenario: Received goods are put away by the warehouse system
    Given a purchase order for 20 units of "Office Chair"
    When the storekeeper receives 20 units
    Then 20 units are on hand

  Scenario: A vendor bill is drafted from the receipt
    Given a purchase order for 20 units of "Office Chair"
    When the storekeeper receives 20 units
    Then a vendor bill is drafted
