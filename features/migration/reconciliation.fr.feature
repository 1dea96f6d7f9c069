# language: fr
@migration @wave-1 @normal @req:MIG-014
Fonctionnalité: Rapprochement de la migration, en français
  Les extraits de l'ancien système, aux en-têtes en français, sont rapprochés
  de ce qu'Odoo contient avec les phrases françaises.

  Scénario: Les clients gardent leur code de l'ancien système
    Étant donné que l'extrait "extracts/clients.csv" de l'ancien système, avec les clients, est chargé dans Odoo
    Alors Odoo contient les clients de l'extrait "extracts/clients.csv" de l'ancien système

  Scénario: Un extrait modifié est détecté ligne par ligne
    Étant donné que l'extrait "extracts/clients.csv" de l'ancien système, avec les clients, est chargé dans Odoo
    Alors le rapprochement avec l'extrait "extracts/clients-modifie.csv" de l'ancien système, pour les clients, trouve ces écarts :
      | Clé  | Colonne | Ancien | Odoo   | Résultat           |
      | C102 | City    | Rennes | Nantes | écart              |
      | C103 |         |        |        | manquant dans Odoo |
