# language: fr
@order_to_cash @wave-1 @normal @requires_module:sale_management
Fonctionnalité: Lignes d'un devis ajoutées, modifiées et vérifiées à l'écran, en français
  Le commercial saisit les lignes du devis dans le formulaire, modifie une ligne
  après l'enregistrement, et les lignes sont vérifiées telles qu'Odoo les garde.

  Contexte:
    Étant donné les clients suivants :
      | Nom          |
      | Hêtre Détail |
    Et les produits suivants :
      | Nom           | Type | Prix de vente | Coût |
      | Palette Hêtre | Bien | 12,00         | 7,00 |
      | Caisse Hêtre  | Bien | 4,00          | 2,00 |

  @req:O2C-021
  Scénario: Les lignes d'un devis sont modifiées après l'enregistrement (en français)
    Étant donné que je suis connecté en tant que "Commercial"
    Quand j'ouvre "Ventes / Commandes / Devis"
    Et je clique sur "Nouveau"
    Et je renseigne "Client" avec "Hêtre Détail"
    Et j'ajoute les lignes :
      | Produit       | Quantité |
      | Palette Hêtre | 4        |
      | Caisse Hêtre  | 10       |
    Et j'enregistre
    Alors les lignes affichent :
      | Produit       | Quantité | Prix unitaire | Sous-total |
      | Palette Hêtre | 4        | 12,00         | 48,00      |
      | Caisse Hêtre  | 10       | 4,00          | 40,00      |
    Quand je renseigne la colonne "Quantité" de la ligne "Palette Hêtre" avec "5"
    Et j'enregistre
    Alors la ligne "Palette Hêtre" affiche :
      | Quantité | Prix unitaire | Sous-total |
      | 5        | 12,00         | 60,00      |
    Et le champ "Montant hors taxes" vaut "100,00"
    Quand je clique sur "Confirmer"
    Alors le statut est "Commande client"
