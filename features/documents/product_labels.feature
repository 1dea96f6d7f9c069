@documents @wave-1 @normal
Feature: Print product labels
  The warehouse prints labels for a product's shelf from the product's form:
  the label layout dialog asks how many and in which format.

  Background:
    Given the following products exist:
      | Name        | Type  | Sales price | Internal reference |
      | Alder Crate | Goods | 24.50       | ALD-CR             |

  @req:PRN-005
  Scenario: Labels of a product show its name and its price
    Given I am logged in as a "Product manager"
    When I open "Inventory / Products / Products"
    And I search for "Alder Crate"
    And I open the record "Alder Crate"
    And I choose "Print Labels" in the Actions menu
    And I set "Format" to "4 x 12 with price"
    And I print the "Product Labels" from the dialog
    Then the printed "Product Labels" shows:
      | Text        |
      | Alder Crate |
      | 24.50       |
