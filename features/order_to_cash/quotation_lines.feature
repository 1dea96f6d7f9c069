@order_to_cash @wave-1 @normal @requires_module:sale_stock
Feature: Quotation lines added, changed and checked on screen
  The sales coordinator writes the quotation's lines in the form, changes a
  line after saving, and the lines are checked as Odoo holds them: quantities
  and amounts by value, records by name. Once the order is shipped, its line
  shows the quantity delivered.

  Background:
    Given the following customers exist:
      | Name         |
      | Birch Retail |
    And the following products exist:
      | Name         | Type  | Sales price | Cost |
      | Birch Pallet | Goods | 12.00       | 7.00 |
      | Birch Crate  | Goods | 4.00        | 2.00 |
    And "Birch Pallet" has 20 units on hand in "WH/Stock"
    And "Birch Crate" has 20 units on hand in "WH/Stock"

  @req:O2C-020
  Scenario: A quotation's lines are changed after saving, then shipped
    Given I am logged in as a "Sales coordinator with discounts"
    When I open "Sales / Orders / Quotations"
    And I click "New"
    And I set "Customer" to "Birch Retail"
    And I add the lines:
      | Product      | Quantity |
      | Birch Pallet | 4        |
      | Birch Crate  | 10       |
    And I save
    Then the lines show:
      | Product      | Quantity | Unit Price | Subtotal |
      | Birch Pallet | 4        | 12.00      | 48.00    |
      | Birch Crate  | 10       | 4.00       | 40.00    |
    When I set the "Quantity" of the line "Birch Pallet" to "5"
    And I set the "Discount (%)" of the line "Birch Pallet" to "10"
    And I save
    Then the line "Birch Pallet" shows:
      | Quantity | Unit Price | Discount (%) | Subtotal |
      | 5        | 12.00      | 10           | 54.00    |
    When I click "Confirm"
    Then the status is "Sales Order"
    When I log in as the "Warehouse operator"
    And I open "Inventory / Operations / Transfers / Deliveries"
    And I search "Contact" for "Birch Retail"
    And I open the record "Birch Retail"
    And I click "Validate"
    Then the status is "Done"
    When I log in as the "Sales coordinator with discounts"
    And I open "Sales / Orders / Orders"
    And I search for "Birch Retail"
    And I open the record "Birch Retail"
    Then the line "Birch Pallet" shows:
      | Quantity | Delivered | Invoiced | Unit Price | Discount (%) | Subtotal |
      | 5        | 5         | 0        | 12.00      | 10           | 54.00    |
    And the lines show:
      | Product      | Delivered | Invoiced |
      | Birch Crate  | 10        | 0        |
