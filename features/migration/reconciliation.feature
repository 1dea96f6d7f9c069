@migration @wave-1 @critical
Feature: Migration reconciliation
  Before go-live, the data migrated from the legacy system is checked against
  the legacy system's extracts, domain by domain: every record is in Odoo
  with the same values, and Odoo has no other. Here a mock load seeds Odoo
  from the extracts first; against a migrated database the same checks run
  without it, and only read.

  @req:MIG-001 @req:MIG-002
  Scenario: Customers and vendors keep their legacy codes
    Given the legacy extract "extracts/customers.csv" of customers is loaded into Odoo
    And the legacy extract "extracts/vendors.csv" of vendors is loaded into Odoo
    Then Odoo holds the customers of the legacy extract "extracts/customers.csv"
    And Odoo holds the vendors of the legacy extract "extracts/vendors.csv"

  @req:MIG-003 @req:MIG-005 @req:MIG-012
  Scenario: Item masters keep their prices and costs
    Given the legacy extract "extracts/products.csv" of item masters is loaded into Odoo
    Then Odoo holds the item masters of the legacy extract "extracts/products.csv"
    And Odoo holds the prices of the legacy extract "extracts/prices.csv"
    And Odoo holds the product costs of the legacy extract "extracts/costs.csv" within 0.01

  @req:MIG-004
  Scenario: The units of measure of the legacy system exist
    Then Odoo holds the units of measure of the legacy extract "extracts/units.csv"

  @req:MIG-006 @req:MIG-007
  Scenario: Stock on hand is where the legacy system had it
    Given the legacy extract "extracts/products.csv" of products is loaded into Odoo
    And the legacy extract "extracts/locations.csv" of locations is loaded into Odoo
    And the legacy extract "extracts/stock.csv" of stock on hand is loaded into Odoo
    Then Odoo holds the locations of the legacy extract "extracts/locations.csv"
    And Odoo holds the stock on hand of the legacy extract "extracts/stock.csv" within 0.001

  @req:MIG-008 @req:MIG-009
  Scenario: Open order lines are still to deliver and to receive
    Given the legacy extract "extracts/customers.csv" of customers is loaded into Odoo
    And the legacy extract "extracts/vendors.csv" of vendors is loaded into Odoo
    And the legacy extract "extracts/products.csv" of products is loaded into Odoo
    And the legacy extract "extracts/open-sales.csv" of open sales order lines is loaded into Odoo
    And the legacy extract "extracts/open-purchases.csv" of open purchase order lines is loaded into Odoo
    Then Odoo holds the open sales order lines of the legacy extract "extracts/open-sales.csv"
    And Odoo holds the open purchase order lines of the legacy extract "extracts/open-purchases.csv"

  @req:MIG-010 @req:MIG-011
  Scenario: Open receivables and payables are owed as in the legacy system
    Given the legacy extract "extracts/customers.csv" of customers is loaded into Odoo
    And the legacy extract "extracts/vendors.csv" of vendors is loaded into Odoo
    And the legacy extract "extracts/receivables.csv" of open receivables is loaded into Odoo
    And the legacy extract "extracts/payables.csv" of open payables is loaded into Odoo
    Then Odoo holds the open receivables of the legacy extract "extracts/receivables.csv" within 0.01
    And Odoo holds the open payables of the legacy extract "extracts/payables.csv" within 0.01

  @req:MIG-013
  Scenario: An extract that differs by one value is caught on that row only
    Given the legacy extract "extracts/customers.csv" of customers is loaded into Odoo
    Then reconciling the customers of the legacy extract "extracts/customers-changed.csv" finds these differences:
      | Key  | Column | Legacy     | Odoo  |
      | C002 | City   | Manchester | Leeds |
