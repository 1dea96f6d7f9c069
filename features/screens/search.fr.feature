# language: fr
@screens @wave-1 @normal @requires_module:sale_management
Fonctionnalité: Rechercher dans les listes, en français
  Les filtres et les regroupements du menu de recherche se nomment comme
  l'utilisateur les lit, dans sa langue.

  Scénario: Un filtre et un regroupement par leurs libellés en français
    Étant donné les enregistrements "product.category" suivants :
      | Nom         |
      | Gamme Hêtre |
    Et les produits suivants :
      | Nom          | Type    | Catégorie   |
      | Chaise Hêtre | Bien    | Gamme Hêtre |
      | Pose Hêtre   | Service | Gamme Hêtre |
    Et que je suis connecté en tant que "Commercial"
    Quand j'ouvre "Ventes / Produits / Produits"
    Et je filtre "Catégorie de produits" sur "Gamme Hêtre"
    Alors la liste affiche 2 enregistrements
    Quand j'active le filtre "Services"
    Alors la liste affiche 1 enregistrement
    Quand je regroupe par "Type de produit"
    Alors la liste affiche le groupe "Service" avec 1 enregistrement
    Et la liste affiche 1 enregistrement
