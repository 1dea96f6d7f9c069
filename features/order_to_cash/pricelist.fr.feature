# language: fr
@order_to_cash @wave-2 @normal
Fonctionnalité: Listes de prix des clients, en français
  Les clients grossistes achètent aux prix de leur liste de prix. Odoo n'applique
  la liste de prix d'un client qu'une fois le paramètre Listes de prix activé.

  Scénario: Le prix fixe de la liste de prix du client fixe le prix du devis (en français)
    Étant donné que le paramètre "Listes de prix" est activé
    Et les produits suivants :
      | Nom        | Prix de vente | Coût  |
      | Oak Pallet | 45,00         | 30,00 |
    Et les enregistrements "Liste de prix" suivants :
      | Nom de la liste de prix |
      | Grossistes              |
    Et les enregistrements "Règle des listes des prix" suivants :
      | Liste de prix | Appliquer sur | Produit    | Calculer le prix | Prix fixe |
      | Grossistes    | Produit       | Oak Pallet | Prix fixe        | 40,00     |
    Et les enregistrements "Contact" suivants :
      | Nom         | Liste de prix |
      | Acme Retail | Grossistes    |
    Et que je suis connecté en tant que "Commercial"
    Quand je crée un devis pour "Acme Retail" avec 2 unités de "Oak Pallet"
    Alors le champ "Montant hors taxes" vaut "80,00"
