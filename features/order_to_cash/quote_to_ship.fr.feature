# language: fr
@order_to_cash @wave-1 @critical
Fonctionnalité: Du devis à l'expédition, en français
  Un client commande des articles en stock : le commercial établit le devis et
  le confirme, le magasinier expédie, le comptable facture ce qui a été commandé.

  Contexte:
    Étant donné les clients suivants :
      | Nom         |
      | Acme Retail |
    Et les produits suivants :
      | Nom        | Prix de vente | Coût  |
      | Oak Pallet | 45,00         | 30,00 |
    Et "Oak Pallet" a 10 unités en stock dans "WH/Stock"

  @req:O2C-001
  Scénario: Expédier en totalité une commande confirmée (en français)
    Étant donné que je suis connecté en tant que "Commercial"
    Quand je crée un devis pour "Acme Retail" avec 2 unités de "Oak Pallet"
    Et je confirme le devis
    Alors le devis est maintenant un bon de commande
    Et une livraison de 2 unités de "Oak Pallet" est prête
    Quand je me connecte en tant que "Magasinier"
    Et je valide la livraison de la commande
    Alors la commande indique 2 unités de "Oak Pallet" livrées
    Quand je me connecte en tant que "Comptable"
    Et je crée et comptabilise la facture de la commande
    Alors la commande est facturée pour son total

  @req:O2C-002
  Scénario: Une expédition partielle crée un reliquat (en français)
    Étant donné que je suis connecté en tant que "Commercial"
    Quand je crée un devis pour "Acme Retail" avec 5 unités de "Oak Pallet"
    Et je confirme le devis
    Et je me connecte en tant que "Magasinier"
    Et j'expédie 3 unités de "Oak Pallet" et garde le reste en reliquat
    Alors la commande indique 3 unités de "Oak Pallet" livrées
    Et un reliquat de 2 unités de "Oak Pallet" est prêt
