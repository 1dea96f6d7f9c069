# language: fr
@documents @wave-1 @critical
Fonctionnalité: Imprimer le bon de livraison, en français
  Le magasinier expédie la commande d'un client et imprime le bon de livraison
  qui accompagne la marchandise, dans la langue du client : Odoo en français l'intitule « Bon de livraison ».

  Contexte:
    Étant donné les enregistrements "Contact" suivants :
      | Nom          | Langue            |
      | Maison Chêne | French / Français |
    Et les produits suivants :
      | Nom          | Prix de vente | Coût  |
      | Palette Hêtre | 45,00        | 30,00 |
    Et "Palette Hêtre" a 10 unités en stock dans "WH/Stock"

  @req:PRN-006
  Scénario: Le bon de livraison nomme le client, le produit et la quantité
    Étant donné que je suis connecté en tant que "Commercial"
    Quand je crée un devis pour "Maison Chêne" avec 4 unités de "Palette Hêtre"
    Et je confirme le devis
    Et je me connecte en tant que "Magasinier"
    Et je valide la livraison de la commande
    Et j'imprime "Bon de livraison"
    Alors le document imprimé "Bon de livraison" affiche :
      | Texte             |
      | Date d'expédition |
      | Maison Chêne      |
      | Palette Hêtre     |
      | 4 Unité(s)        |
