# language: fr
@procure_to_stock @wave-1 @normal @requires_module:stock
Fonctionnalité: Règles de réapprovisionnement, écrites comme l'écran en français les nomme
  Le responsable des stocks tient les quantités minimum et maximum de chaque
  produit. Le scénario crée les règles par le titre de leur écran en français
  (« Règles de réapprovisionnement ») et les libellés des champs, puis les
  retrouve sur l'écran de réassort.

  Contexte:
    Étant donné les produits suivants :
      | Nom        | Coût |
      | Alder Crate | 8,00 |

  @req:P2S-023
  Scénario: Une règle créée avec les libellés français apparaît dans le réassort
    Étant donné les enregistrements "Règles de réapprovisionnement" suivants :
      | Produit     | Emplacement | Quantité min | Quantité max |
      | Alder Crate | WH/Stock    | 5            | 20           |
    Et que je suis connecté en tant que "Responsable des stocks"
    Quand j'ouvre "Inventaire / Opérations / Approvisionnement / Réassort"
    Et je recherche "Alder Crate"
    Alors la liste affiche 1 enregistrement

  @req:P2S-024
  Scénario: Une quantité à commander ajustée sur sa ligne devient une demande de prix
    Étant donné les fournisseurs suivants :
      | Nom           |
      | Scierie Aulne |
    Et les produits suivants :
      | Nom          | Fournisseur   | Coût |
      | Poutre Aulne | Scierie Aulne | 8,00 |
    Et les enregistrements "Règles de réapprovisionnement" suivants :
      | Produit      | Emplacement | Quantité min | Quantité max | Déclencheur | Route   |
      | Poutre Aulne | WH/Stock    | 5            | 20           | Manuelle    | Acheter |
    Et que je suis connecté en tant que "Responsable des stocks"
    Quand j'ouvre "Inventaire / Opérations / Approvisionnement / Réassort"
    Et je recherche "Poutre Aulne"
    Alors la liste affiche 1 enregistrement
    Quand je renseigne "À commander" avec "12" sur la ligne "Poutre Aulne"
    Et je clique sur "Commander" sur la ligne "Poutre Aulne"
    Et j'ouvre "Achats / Commandes / Demandes de prix"
    Et je filtre "Fournisseur" sur "Scierie Aulne"
    Alors la liste affiche 1 enregistrement
    Quand j'ouvre l'enregistrement "Scierie Aulne"
    Alors le champ "Montant hors taxes" vaut "96,00"
