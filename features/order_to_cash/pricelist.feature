@order_to_cash @wave-2 @normal
Feature: Customer price lists
  Wholesale customers buy at the prices of their price list. Odoo applies a
  customer's price list only once the Pricelists setting is on; a discount
  shows on the quotation line once the Discounts setting is on too.

  Background:
    Given the setting "Pricelists" is on
    And the following products exist:
      | Name       | Type  | Sales price | Cost  |
      | Oak Pallet | Goods | 45.00       | 30.00 |

  Scenario: A fixed price of the customer's price list sets the quotation's price
    Given the following "Pricelist" records exist:
      | Pricelist Name |
      | Wholesale      |
    And the following "Pricelist Rule" records exist:
      | Pricelist | Apply On | Product    | Compute Price | Fixed Price |
      | Wholesale | Product  | Oak Pallet | Fixed Price   | 40.00       |
    And the following "Contact" records exist:
      | Name        | Pricelist |
      | Acme Retail | Wholesale |
    And I am logged in as a "Sales coordinator"
    When I create a quotation for "Acme Retail" with 2 units of "Oak Pallet"
    Then the "Untaxed Amount" is "80.00"

  Scenario: A discount of the customer's price list lowers the quotation's price
    Given the settings are on:
      | Setting    |
      | Pricelists |
      | Discounts  |
    And the following "Pricelist" records exist:
      | Pricelist Name |
      | Trade Discount |
    And the following "Pricelist Rule" records exist:
      | Pricelist      | Apply On | Product    | Compute Price | Percentage Price |
      | Trade Discount | Product  | Oak Pallet | Discount      | 10               |
    And the following "Contact" records exist:
      | Name         | Pricelist      |
      | Birch Retail | Trade Discount |
    And I am logged in as a "Sales coordinator"
    When I create a quotation for "Birch Retail" with 2 units of "Oak Pallet"
    Then the "Untaxed Amount" is "81.00"
