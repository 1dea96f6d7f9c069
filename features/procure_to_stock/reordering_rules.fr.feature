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
