# language: fr
@traceability @wave-1 @critical
Fonctionnalité: Livrer un lot choisi et savoir qui l'a reçu, en français
  Les plateaux de yaourt sont suivis par lot : le magasinier livre au client
  le lot qu'il doit recevoir, et chacun peut dire ce que chaque lot contient
  encore, où il est et qui l'a reçu.

  Contexte:
    Étant donné que le paramètre "Lots & Numéros de série" est activé
    Et les clients suivants :
      | Nom         |
      | Acme Retail |
    Et les produits suivants :
      | Nom         | Suivi    | Politique de facturation | Code-barres   | Prix de vente | Coût |
      | Yogurt Tray | Par lots | Quantités livrées        | 5412345000020 | 7,50          | 4,00 |
    Et "Yogurt Tray" a 6 unités du lot "LOT-A" en stock dans "WH/Stock"
    Et "Yogurt Tray" a 4 unités du lot "LOT-B" en stock dans "WH/Stock"

  @req:LOT-003
  Scénario: Livrer le lot demandé plutôt que celui qu'Odoo a réservé
    Étant donné que je suis connecté en tant que "Commercial"
    Quand je crée un devis pour "Acme Retail" avec 3 unités de "Yogurt Tray"
    Et je confirme le devis
    Et je me connecte en tant que "Magasinier"
    Et je valide la livraison de la commande depuis ces lots :
      | Produit     | Lot   | Quantité |
      | Yogurt Tray | LOT-B | 3        |
    Alors le lot "LOT-B" de "Yogurt Tray" a 1 unité en stock dans "WH/Stock"
    Et le lot "LOT-A" de "Yogurt Tray" a 6 unités en stock dans "WH/Stock"
    Et le lot "LOT-B" de "Yogurt Tray" est dans "WH/Stock"
    Et le lot "LOT-B" de "Yogurt Tray" a été livré à "Acme Retail"
    Et la commande indique 3 unités de "Yogurt Tray" livrées
