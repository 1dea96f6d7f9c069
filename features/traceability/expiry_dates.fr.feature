# language: fr
@traceability @wave-1 @critical @requires_module:product_expiry
Fonctionnalité: Dates d'expiration : le lot qui expire le premier part le premier, en français
  Les produits frais sont suivis par lot avec une date d'expiration. Leur
  catégorie retire le stock « First Expiry First Out » : une livraison prend
  le lot qui expire le premier, même s'il est arrivé après l'autre.

  Contexte:
    Étant donné que le paramètre "Lots & Numéros de série" est activé
    Et les clients suivants :
      | Nom         |
      | Acme Retail |
    Et les enregistrements "Catégorie de produits" suivants :
      | Nom   | Forcer la stratégie d'enlèvement |
      | Frais | First Expiry First Out (FEFO)    |
    Et les produits suivants :
      | Nom        | Suivi    | Date d'expiration | Catégorie | Prix de vente | Coût |
      | Kefir Pack | Par lots | 30                | Frais     | 3,90          | 2,10 |
    Et "Kefir Pack" a 5 unités du lot "KEF-TARD" en stock dans "WH/Stock", qui expire "dans 20 jours"
    Et "Kefir Pack" a 5 unités du lot "KEF-TOT" en stock dans "WH/Stock", qui expire "dans 5 jours"

  @req:XDK-004
  Scénario: La livraison prend le lot qui expire le premier, pas celui arrivé le premier
    Étant donné que je suis connecté en tant que "Commercial"
    Quand je crée un devis pour "Acme Retail" avec 4 unités de "Kefir Pack"
    Et je confirme le devis
    Et je me connecte en tant que "Magasinier"
    Et je valide la livraison de la commande
    Alors le lot "KEF-TOT" de "Kefir Pack" a été livré à "Acme Retail"
    Et le lot "KEF-TOT" de "Kefir Pack" a 1 unité en stock dans "WH/Stock"
    Et le lot "KEF-TARD" de "Kefir Pack" a 5 unités en stock dans "WH/Stock"
    Et le lot "KEF-TARD" de "Kefir Pack" expire le "aujourd'hui + 20 jours"
    Et la commande indique 4 unités de "Kefir Pack" livrées
