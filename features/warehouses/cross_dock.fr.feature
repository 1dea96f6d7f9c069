# language: fr
@warehouses @wave-1 @critical @requires_module:purchase_stock
Fonctionnalité: Transbordement : les articles reçus vont du quai d'entrée au client, en français
  Un dépôt qui reçoit et livre en deux étapes transborde un produit acheté pour
  chaque commande : la confirmation de la commande client crée le transfert
  Cross Dock et la livraison, en attente, et la demande de prix au fournisseur ;
  les articles reçus au quai d'entrée vont directement au quai de sortie puis
  au client, sans entrer dans le Stock.

  Contexte:
    Étant donné un entrepôt "Dépôt Transit" qui reçoit en "Recevoir puis stocker (2 étapes)" et livre en "Choisir puis livrer (2 étapes)"
    Et les clients suivants :
      | Nom         |
      | Acme Retail |
    Et les fournisseurs suivants :
      | Nom           |
      | Nordic Garden |
    Et les produits suivants :
      | Nom              | Prix de vente | Coût  | Fournisseur   |
      | Chaise de jardin | 60,00         | 32,00 | Nordic Garden |
    Et le produit "Chaise de jardin" est transbordé dans l'entrepôt "Dépôt Transit"

  @req:XDK-005
  Scénario: Une commande client est achetée, reçue au quai et expédiée sans entrer en stock
    Étant donné que je suis connecté en tant que "Commercial"
    Quand je crée un devis pour "Acme Retail" avec 3 unités de "Chaise de jardin"
    Et je renseigne "Entrepôt" avec "Dépôt Transit"
    Et j'enregistre
    Et je confirme le devis
    Et je me connecte en tant que "Acheteur"
    Et j'ouvre le bon de commande fournisseur fait pour la commande client
    Et je confirme le bon de commande fournisseur
    Et je me connecte en tant que "Magasinier"
    Et je valide la réception du bon de commande fournisseur
    Alors le stock de "Chaise de jardin" dans "Dépôt Transit" est :
      | Emplacement         | Quantité |
      | Dépôt Transit/Input | 3        |
    Quand je valide le transfert "Cross Dock" de "Chaise de jardin"
    Alors les transferts de "Chaise de jardin" sont :
      | Type d'opération               | De                   | Vers                 | Quantité | Statut  |
      | Dépôt Transit: Cross Dock      | Dépôt Transit/Input  | Dépôt Transit/Output | 3        | Terminé |
      | Dépôt Transit: Delivery Orders | Dépôt Transit/Output | Partners/Customers   | 3        | Prêt    |
      | Dépôt Transit: Receipts        | Partners/Vendors     | Dépôt Transit/Input  | 3        | Terminé |
    Quand je valide le transfert "Delivery Orders" de "Chaise de jardin"
    Alors la commande indique 3 unités de "Chaise de jardin" livrées
    Et le bon de commande fournisseur indique 3 unités de "Chaise de jardin" reçues
