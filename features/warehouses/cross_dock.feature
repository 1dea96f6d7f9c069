@warehouses @wave-1 @critical @requires_module:purchase_stock
Feature: Cross-dock: received goods go from the dock straight to the customer
  A depot that receives and delivers in two steps cross-docks a product it
  buys for each order: confirming the sales order makes the delivery and the
  cross-dock transfer, waiting, and the request for quotation to the
  product's vendor; once the buyer confirms it, the goods received at the
  Input dock go straight to the Output dock and out to the customer, never
  into Stock.

  Background:
    Given a warehouse "Cross Depot" that receives with "Receive then Store (2 steps)" and delivers with "Pick then Deliver (2 steps)"
    And the following customers exist:
      | Name        |
      | Acme Retail |
    And the following vendors exist:
      | Name          |
      | Nordic Garden |
    And the following products exist:
      | Name         | Sales price | Cost  | Vendor        |
      | Garden Chair | 60.00       | 32.00 | Nordic Garden |
    And the product "Garden Chair" is cross-docked in the warehouse "Cross Depot"

  @req:XDK-001
  Scenario: A sales order is bought, received at the dock and shipped without entering stock
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Acme Retail" with 4 units of "Garden Chair"
    And I set "Warehouse" to "Cross Depot"
    And I save
    And I confirm the quotation
    And I log in as the "Buyer"
    And I open the purchase order made for the sales order
    And I confirm the purchase order
    Then the transfers of "Garden Chair" are:
      | Operation Type               | From               | To                 | Quantity | Status                    |
      | Cross Depot: Cross Dock      | Cross Depot/Input  | Cross Depot/Output | 4        | Waiting Another Operation |
      | Cross Depot: Delivery Orders | Cross Depot/Output | Partners/Customers | 4        | Waiting Another Operation |
      | Cross Depot: Receipts        | Partners/Vendors   | Cross Depot/Input  | 4        | Ready                     |
    When I log in as the "Warehouse operator"
    And I validate the receipt of the purchase order
    Then the stock of "Garden Chair" in "Cross Depot" is:
      | Location          | Quantity |
      | Cross Depot/Input | 4        |
    And the transfers of "Garden Chair" are:
      | Operation Type               | From               | To                 | Quantity | Status                    |
      | Cross Depot: Cross Dock      | Cross Depot/Input  | Cross Depot/Output | 4        | Ready                     |
      | Cross Depot: Delivery Orders | Cross Depot/Output | Partners/Customers | 4        | Waiting Another Operation |
      | Cross Depot: Receipts        | Partners/Vendors   | Cross Depot/Input  | 4        | Done                      |
    When I validate the "Cross Dock" transfer of "Garden Chair"
    Then the stock of "Garden Chair" in "Cross Depot" is:
      | Location           | Quantity |
      | Cross Depot/Output | 4        |
    And the transfers of "Garden Chair" are:
      | Operation Type               | From               | To                 | Quantity | Status |
      | Cross Depot: Cross Dock      | Cross Depot/Input  | Cross Depot/Output | 4        | Done   |
      | Cross Depot: Delivery Orders | Cross Depot/Output | Partners/Customers | 4        | Ready  |
      | Cross Depot: Receipts        | Partners/Vendors   | Cross Depot/Input  | 4        | Done   |
    When I validate the "Delivery Orders" transfer of "Garden Chair"
    Then the transfers of "Garden Chair" are:
      | Operation Type               | From               | To                 | Status |
      | Cross Depot: Cross Dock      | Cross Depot/Input  | Cross Depot/Output | Done   |
      | Cross Depot: Delivery Orders | Cross Depot/Output | Partners/Customers | Done   |
      | Cross Depot: Receipts        | Partners/Vendors   | Cross Depot/Input  | Done   |
    And the order shows 4 units of "Garden Chair" delivered
    And the purchase order shows 4 units of "Garden Chair" received
