@returns @wave-1 @normal
Feature: Return to inspection
  Goods a customer sends back are registered against their delivery and held in
  quarantine: nothing returns to sellable stock before it is inspected. The
  inspection puts sound units back on the shelf and scraps damaged ones, and the
  accountant credits the customer for what came back.

  Background:
    Given the following customers exist:
      | Name        |
      | Acme Retail |
    And the following products exist:
      | Name       | Type  | Sales price | Cost  |
      | Oak Pallet | Goods | 45.00       | 30.00 |
    And "Oak Pallet" has 10 units on hand in "WH/Stock"
    And the warehouse has a quarantine location "WH/Quarantine"
    And "Acme Retail" bought 5 units of "Oak Pallet", which were shipped and invoiced

  @req:RET-001
  Scenario: Returned goods wait in quarantine until inspection decides
    Given I am logged in as a "Warehouse operator"
    When I receive 3 units of "Oak Pallet" back from the customer into "WH/Quarantine"
    Then "WH/Quarantine" holds 3 units of "Oak Pallet"
    And "Oak Pallet" has 5 units available to sell in "WH/Stock"
    And the order shows 2 units of "Oak Pallet" delivered
    When I log in as the "Quality inspector"
    And I put 2 units of "Oak Pallet" from "WH/Quarantine" back into "WH/Stock"
    And I scrap 1 unit of "Oak Pallet" from "WH/Quarantine"
    Then "Oak Pallet" has 7 units available to sell in "WH/Stock"
    And "WH/Quarantine" holds 0 units of "Oak Pallet"
    And 1 unit of "Oak Pallet" was scrapped from "WH/Quarantine"

  @req:RET-002
  Scenario: The customer is credited for the returned goods
    Given I am logged in as a "Warehouse operator"
    When I receive 3 units of "Oak Pallet" back from the customer into "WH/Quarantine"
    And I log in as the "Accountant"
    And I credit the customer for 3 units of "Oak Pallet" returned
    Then the customer has a posted credit note for 3 units of "Oak Pallet" worth 135.00 before tax
