# language: fr
@order_to_cash @wave-1 @normal
Fonctionnalité: Annuler une commande client et la remettre en devis, en français
  En français, le bouton « Annuler » de la commande et celui qui ferme la
  confirmation portent le même nom : la phrase annule la commande, elle ne
  ferme pas la question.

  Contexte:
    Étant donné les clients suivants :
      | Nom          |
      | Rowan Retail |
    Et les produits suivants :
      | Nom           | Type    | Prix de vente | Coût  |
      | Rowan Fitting | Service | 20,00         | 12,00 |

  @req:ORD-002
  Scénario: Une commande confirmée est annulée puis remise en devis (en français)
    Étant donné que je suis connecté en tant que "Commercial"
    Quand je crée un devis pour "Rowan Retail" avec 3 unités de "Rowan Fitting"
    Et je confirme le devis
    Alors la commande est "Commande client"
    Quand j'annule la commande
    Alors la commande est "Annulé"
    Quand je remets la commande en devis
    Alors la commande est "Devis"
