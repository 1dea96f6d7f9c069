# language: fr
@warehouses @wave-1 @critical
Fonctionnalité: Livrer en deux étapes : préparer, puis expédier (en français)
  Un dépôt qui livre en deux étapes prépare les articles de son stock vers le
  quai de sortie, puis les expédie. Le commercial vend depuis ce dépôt ; le
  magasinier traite chaque étape dans le client web.

  Contexte:
    Étant donné un entrepôt "Dépôt Nord" qui reçoit en "Recevoir et stocker (1 étape)" et livre en "Choisir puis livrer (2 étapes)"
    Et les clients suivants :
      | Nom         |
      | Acme Retail |
    Et les produits suivants :
      | Nom        | Prix de vente | Coût  |
      | Oak Pallet | 45,00         | 30,00 |
    Et "Oak Pallet" a 12 unités en stock dans "Dépôt Nord/Stock"

  @req:WH-005
  Scénario: Une commande confirmée est préparée puis expédiée (en français)
    Étant donné que je suis connecté en tant que "Commercial"
    Quand je crée un devis pour "Acme Retail" avec 4 unités de "Oak Pallet"
    Et je renseigne "Entrepôt" avec "Dépôt Nord"
    Et j'enregistre
    Et je confirme le devis
    Alors les transferts de "Oak Pallet" sont :
      | Type d'opération | De               | Vers              | Quantité | Statut |
      | Dépôt Nord: Pick | Dépôt Nord/Stock | Dépôt Nord/Output | 4        | Prêt   |
    Quand je me connecte en tant que "Magasinier"
    Et je valide le transfert "Dépôt Nord: Pick" de "Oak Pallet"
    Alors le stock de "Oak Pallet" dans "Dépôt Nord" est :
      | Emplacement       | Quantité |
      | Dépôt Nord/Stock  | 8        |
      | Dépôt Nord/Output | 4        |
    Quand je valide le transfert "Delivery Orders" de "Oak Pallet"
    Alors les transferts de "Oak Pallet" sont :
      | Type d'opération            | De                | Vers               | Statut  |
      | Dépôt Nord: Pick            | Dépôt Nord/Stock  | Dépôt Nord/Output  | Terminé |
      | Dépôt Nord: Delivery Orders | Dépôt Nord/Output | Partners/Customers | Terminé |
    Et la commande indique 4 unités de "Oak Pallet" livrées
