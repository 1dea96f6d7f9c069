@order_to_cash @wave-1 @normal @requires_module:uat_minimum_order
Feature: Minimum order amount
  Our wholesale customers agree a minimum order amount with us. A quotation below
  it cannot be confirmed: Odoo says by how much it falls short. This is the example
  customisation shipped with odoo-uat (examples/addons/uat_minimum_order), run with
  ODOO_ADDONS_PATH=examples/addons.

  Background:
    Given the following customers exist:
      | Name        |
      | Acme Retail |
    And the following products exist:
      | Name       | Type  | Sales price | Cost  |
      | Oak Pallet | Goods | 45.00       | 30.00 |
    And the minimum order amount agreed with "Acme Retail" is 500.00

  Scenario: An order below the minimum order amount is refused
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Acme Retail" with 2 units of "Oak Pallet"
    And I click "Confirm"
    Then I see the message "below the minimum order amount of"
    And the order is still a quotation

  Scenario: An order that reaches the minimum order amount is confirmed
    Given I am logged in as a "Sales coordinator"
    When I create a quotation for "Acme Retail" with 12 units of "Oak Pallet"
    And I confirm the quotation
    Then the quotation is now a sales order
