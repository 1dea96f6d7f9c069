# language: fr
@procure_to_stock @wave-1 @normal @requires_module:purchase_stock
Fonctionnalité: Demandes de prix, écrites avec les phrases génériques en français
  Un acheteur demande des prix aux fournisseurs et confirme la commande ; le
  magasinier réceptionne les articles. Chaque étape est une phrase générique :
  menus, boutons et champs sont nommés comme l'écran en français les affiche.

  Contexte:
    Étant donné les fournisseurs suivants :
      | Nom          |
      | Oak Supplies |
      | Pine Traders |
    Et les produits suivants :
      | Nom        | Coût  |
      | Oak Pallet | 30,00 |
      | Pine Crate | 12,00 |

  @critical @req:P2S-004
  Scénario: Un acheteur confirme une demande de prix et le magasinier la réceptionne
    Étant donné que je suis connecté en tant que "Acheteur"
    Quand j'ouvre "Achats / Commandes / Demandes de prix"
    Et je clique sur "Nouveau"
    Et je renseigne "Fournisseur" avec "Oak Supplies"
    Et je renseigne "Référence fournisseur" avec "OAK-2024-7"
    Et j'ajoute les lignes :
      | Produit    | Quantité | Prix unitaire | Taxes |
      | Oak Pallet | 10       | 30,00         | 15%   |
      | Pine Crate | 5        | 12,50         | 15%   |
    Et j'enregistre
    Et je clique sur "Confirmer la commande"
    Alors le statut est "Bon de commande fournisseur"
    Et le champ "Fournisseur" vaut "Oak Supplies"
    Et le champ "Montant hors taxes" vaut "362,50"
    Et le champ "Total" vaut "416,88"
    Quand je me connecte en tant que "Magasinier"
    Et j'ouvre "Inventaire / Opérations / Transferts / Réceptions"
    Et je recherche "WH/IN"
    Et j'ouvre l'enregistrement "Oak Supplies"
    Et je clique sur "Valider"
    Alors le statut est "Terminé"
    Et "Oak Pallet" a 10 unités en stock dans "WH/Stock"
    Et "Pine Crate" a 5 unités en stock dans "WH/Stock"

  Scénario: Un acheteur retrouve les demandes de prix d'un fournisseur
    Étant donné les enregistrements "Catégorie de produits" suivants :
      | Nom   | Méthode de coût |
      | Chêne | Prix standard   |
    Et les enregistrements "Bon de commande fournisseur" suivants :
      | Fournisseur  | Référence fournisseur | Échéance de commande |
      | Oak Supplies | OAK-1                 | dans 3 jours         |
      | Oak Supplies | OAK-2                 | demain               |
      | Pine Traders | PIN-7                 | aujourd'hui          |
    Et que je suis connecté en tant que "Acheteur"
    Quand j'ouvre "Achats / Commandes / Demandes de prix"
    Et je filtre "Fournisseur" sur "Oak Supplies"
    Alors la liste affiche 2 enregistrements
    Quand je recherche "OAK-2"
    Alors la liste affiche 1 enregistrement
    Quand j'ouvre l'enregistrement "Oak Supplies"
    Alors le statut est "Demande de prix"
    Et le champ "Référence fournisseur" vaut "OAK-2"

  Scénario: Une commande fournisseur confirmée ne peut pas être supprimée
    Étant donné que je suis connecté en tant que "Acheteur"
    Quand j'ouvre "Achats / Commandes / Demandes de prix"
    Et je clique sur "Nouveau"
    Et je renseigne "Fournisseur" avec "Pine Traders"
    Et j'ajoute les lignes :
      | Produit    | Quantité |
      | Pine Crate | 4        |
    Et je clique sur "Confirmer la commande"
    Alors le statut est "Bon de commande fournisseur"
    Quand je clique sur "Actions"
    Et je clique sur "Supprimer"
    Et je clique sur "Supprimer"
    Alors je vois le message "vous devez d'abord l'annuler"

  Scénario: Un acheteur ne configure pas les achats et ne gère pas l'entrepôt
    Étant donné que je suis connecté en tant que "Acheteur"
    Alors je ne peux pas ouvrir "Achats / Configuration / Paramètres"
    Et je ne peux pas ouvrir "Inventaire"
