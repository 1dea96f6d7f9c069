# language: fr
@procure_to_stock @wave-1 @requires_module:purchase_stock
Fonctionnalité: De la réception au rangement, en français
  Les marchandises achetées arrivent au quai (Entrée), puis sont rangées sur
  l'étagère que choisit la stratégie de rangement de l'entrepôt.

  Contexte:
    Étant donné un entrepôt "Dépôt Nord" qui reçoit en deux étapes
    Et l'emplacement de stockage "Dépôt Nord/Stock/Étagère A" existe
    Et les catégories de produits suivantes :
      | Nom   |
      | Frais |
    Et qu'une stratégie de rangement envoie les produits de la catégorie "Frais" arrivant dans "Dépôt Nord/Stock" vers "Dépôt Nord/Stock/Étagère A"
    Et les fournisseurs suivants :
      | Nom          |
      | Laiterie Sud |
    Et les produits suivants :
      | Nom         | Catégorie | Coût | Fournisseur  |
      | Yaourt nature | Frais   | 4,00 | Laiterie Sud |

  @req:P2S-002
  Scénario: Une réception partielle laisse un reliquat (en français)
    Étant donné que je suis connecté en tant que "Acheteur"
    Quand je crée un bon de commande fournisseur auprès de "Laiterie Sud" à livrer à "Dépôt Nord" :
      | Produit       | Quantité | Prix unitaire |
      | Yaourt nature | 10       | 4,00          |
    Et je confirme le bon de commande fournisseur
    Alors le bon de commande fournisseur est confirmé
    Et une réception de 10 unités de "Yaourt nature" vers "Dépôt Nord/Input" est prête
    Quand je me connecte en tant que "Magasinier"
    Et je reçois 6 unités de "Yaourt nature" et garde le reste en reliquat
    Alors le bon de commande fournisseur indique 6 unités de "Yaourt nature" reçues
    Et un reliquat de réception de 4 unités de "Yaourt nature" est prêt
    Et un transfert de stockage de 6 unités de "Yaourt nature" vers "Dépôt Nord/Stock/Étagère A" est prêt
    Quand je valide le transfert de stockage du bon de commande fournisseur
    Alors les 6 unités de "Yaourt nature" de "Dépôt Nord" sont toutes en stock dans "Dépôt Nord/Stock/Étagère A"
